using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Core.Surveys;
using ParIndex.Core.Units;
using ParIndex.Scoring;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>The demo province with its previous year published; each test works on the current year in order.</summary>
public sealed class PublicationDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 6, 1, 3, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services = Database.Services(configure: s => s.AddSingleton<TimeProvider>(Clock));
        await DatabaseMigrator.MigrateAsync(Services);
        await Get<DemoSeeder>().SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public async Task<Actor> ActorAsync(string userName)
    {
        await using var db = Database.CreateContext();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        var role = DemoAccounts.All.Single(a => a.UserName == userName).Role;
        return new Actor(user.Id, userName, role, user.UnitId);
    }
}

public sealed class PublicationTests(PublicationDatabase demo) : IClassFixture<PublicationDatabase>
{
    private const int Year = DemoSeeder.CurrentYear;

    [Fact]
    public async Task DemoPreviousYear_IsPublishedUnderItsDecision_AndReadersSeeOnlyPublishedYears()
    {
        var reader = demo.Get<ResultsReader>();

        var years = await reader.YearsAsync(null);
        var published = await reader.RankingAsync(null, Year - 1);

        Assert.Contains(Year - 1, years);
        Assert.NotNull(published?.Publication);
        Assert.Equal(DemoSeeder.PreviousYearDecision.Number, published.Publication.DecisionNumber);
        Assert.Equal(new DateOnly(DemoSeeder.CurrentYear, 4, 15), published.Publication.DecisionDate);
        Assert.Equal(Json((await demo.Get<RankingService>().GetAsync(Year - 1))!.Blocs), Json(published.Blocs));
    }

    [Fact]
    public async Task WholeCycle_ProposeLocksRejectUnlocksPublishFreezes_CorrectionIsANewVersion_BothStayReadable()
    {
        var service = demo.Get<PublicationService>();
        var secretary = await demo.ActorAsync("thuky");
        var admin = await demo.ActorAsync("quantri");
        var reporter = await demo.ActorAsync("nhaplieu");
        var reader = demo.Get<ResultsReader>();

        // Before publication: anonymous readers see nothing of the year, leaders see the draft.
        Assert.Null(await reader.RankingAsync(null, Year));
        Assert.Null(await reader.CardAsync(null, Year, "SO01"));
        Assert.DoesNotContain(Year, await reader.YearsAsync(null));
        Assert.Null((await reader.RankingAsync(await demo.ActorAsync("lanhdao"), Year))!.Publication);

        // Only the secretary proposes; only an administrator decides.
        Assert.Equal(OutcomeKind.Forbidden, (await service.ProposeAsync(reporter, Year, null)).Kind);
        Assert.Equal(OutcomeKind.Forbidden, (await service.ProposeAsync(admin, Year, null)).Kind);
        Assert.True((await service.ProposeAsync(secretary, Year, "lần 1")).Succeeded);
        Assert.Equal(OutcomeKind.Forbidden, (await service.PublishAsync(secretary, Year, "1/QĐ-UBND", "01/05/2026")).Kind);

        // Proposed: the year is locked, in words for every writer and by the database for anything else.
        Assert.Equal(OutcomeKind.Conflict, (await service.ProposeAsync(secretary, Year, null)).Kind);
        var rescore = await demo.Get<SurveyScoringService>().ScoreAsync(admin, Year, "test");
        Assert.Contains("đang chờ phê duyệt", rescore.Refusal, StringComparison.Ordinal);
        var move = await demo.Get<UnitAdminService>().SetAsync(admin, Year, "SO01", "SO", 0);
        Assert.Equal(OutcomeKind.Conflict, move.Kind);
        await using (var db = demo.Database.CreateContext())
        {
            var error = await Assert.ThrowsAsync<PostgresException>(() =>
                db.Database.ExecuteSqlAsync($"UPDATE leaf_scores SET first = first WHERE assessment_year_id = (SELECT id FROM assessment_years WHERE year = {Year})"));
            Assert.Equal("P0002", error.SqlState);

            // Checked per statement for the tables written in bulk (M0009): any row of the year refuses it all.
            foreach (var statement in new[]
            {
                "DELETE FROM unit_results WHERE assessment_year_id = (SELECT id FROM assessment_years WHERE year = {0})",
                "UPDATE unit_results SET area_achieved = area_achieved WHERE assessment_year_id = (SELECT id FROM assessment_years WHERE year = {0})",
                "INSERT INTO unit_results (assessment_year_id, unit_id, appraisal, survey, applicable_maximum, source, updated_at) SELECT assessment_year_id, unit_id, 0, 0, 1, 2, now() FROM unit_results WHERE assessment_year_id = (SELECT id FROM assessment_years WHERE year = {0}) ON CONFLICT (assessment_year_id, unit_id) DO UPDATE SET appraisal = EXCLUDED.appraisal",
                "INSERT INTO leaf_scores (assessment_year_id, unit_id, node_id, kind) SELECT yu.assessment_year_id, yu.unit_id, n.id, 0 FROM year_units yu JOIN framework_nodes n ON n.framework_id = yu.framework_id AND n.parent_id IS NULL WHERE yu.assessment_year_id = (SELECT id FROM assessment_years WHERE year = {0}) LIMIT 1",
                "DELETE FROM leaf_scores WHERE assessment_year_id = (SELECT id FROM assessment_years WHERE year = {0})",
            })
            {
                var refused = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(statement, Year));
                Assert.Equal("P0002", refused.SqlState);
            }
        }

        // Sent back: unlocked again, the proposal kept with its reason.
        Assert.Equal(OutcomeKind.Invalid, (await service.RejectAsync(admin, Year, " ")).Kind);
        Assert.True((await service.RejectAsync(admin, Year, "thiếu số liệu khảo sát")).Succeeded);
        await using (var db = demo.Database.CreateContext())
        {
            Assert.Null(await ResultsLock.RefuseIfLockedAsync(db, await YearIdAsync()));
        }

        // Proposed again and published; a bad decision is refused field by field and changes nothing.
        Assert.True((await service.ProposeAsync(secretary, Year, "lần 2")).Succeeded);
        var bad = await service.PublishAsync(admin, Year, "", "31/02/2026");
        Assert.Equal(["decisionNumber", "decisionDate"], bad.Problems.Select(p => p.Field));
        Assert.Equal(OutcomeKind.Invalid, (await service.PublishAsync(admin, Year, "9/QĐ-UBND", "02/06/2026")).Kind); // after today (01/06/2026)
        Assert.Equal(PublicationStatus.Proposed, (await service.StateAsync(Year))!.Pending!.Status);
        Assert.True((await service.PublishAsync(admin, Year, "2001/QĐ-UBND", "05/05/2026")).Succeeded);
        var first = await service.GetRankingAsync(Year);
        Assert.Equal(2, first!.Publication!.Version); // version 1 was sent back
        Assert.Equal("Quyết định 2001/QĐ-UBND ngày 05/05/2026", PublicationService.Decision(first.Publication.DecisionNumber!, first.Publication.DecisionDate!.Value));

        // A published snapshot never changes, not even by hand in the database.
        await using (var db = demo.Database.CreateContext())
        {
            await Assert.ThrowsAsync<PostgresException>(() =>
                db.Database.ExecuteSqlAsync($"UPDATE publication_units SET appraisal = appraisal + 1"));
            await Assert.ThrowsAsync<PostgresException>(() =>
                db.Database.ExecuteSqlAsync($"UPDATE publications SET decision_number = 'x' WHERE status = 2"));
            await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM publication_nodes"));
        }

        // A correction: opened with a reason, the year unlocks, the data changes, a new version is published.
        Assert.Equal(OutcomeKind.Invalid, (await service.OpenCorrectionAsync(admin, Year, "")).Kind);
        // A service per call, like a request each (a context keeps the entities it has read).
        AssessmentService Assessments() => demo.Get<AssessmentService>();
        var amendBefore = await Assessments().AmendFinalAsync(secretary, Year, "SO03", "1.5.1", LeafInput.Points(0m), "x");
        Assert.Equal(OutcomeKind.Conflict, amendBefore.Kind); // no correction open: the published result stands
        Assert.True((await service.OpenCorrectionAsync(admin, Year, "Sai điểm tiêu chí 1.5.1 của Sở Tư pháp")).Succeeded);
        Assert.Equal(OutcomeKind.Forbidden, (await Assessments().AmendFinalAsync(admin, Year, "SO03", "1.5.1", LeafInput.Points(0m), "x")).Kind);
        var noReason = await Assessments().AmendFinalAsync(secretary, Year, "SO03", "1.5.1", LeafInput.Points(0.3m), " ");
        Assert.True(noReason.Kind == OutcomeKind.Invalid, noReason.Message);
        Assert.Equal(["input", "reason"], noReason.Problems.Select(p => p.Field)); // 0,3 is not on the 0,5 step, and no reason
        var card = await demo.Get<UnitScoreCardService>().GetAsync(Year, "SO03");
        var pointsBefore = card!.Nodes.Single(n => n.Code == "1.5.1").Points;
        var lower = pointsBefore >= 0.5m ? pointsBefore - 0.5m : pointsBefore + 0.5m;
        Assert.True((await Assessments().AmendFinalAsync(secretary, Year, "SO03", "1.5.1", LeafInput.Points(lower), "biên bản kiểm tra lại")).Succeeded);
        var amended = (await demo.Get<RankingService>().GetAsync(Year))!.Find("SO03")!.Value.Line;

        Assert.True((await service.ProposeAsync(secretary, Year, null)).Succeeded);
        Assert.True((await service.PublishAsync(admin, Year, "2150/QĐ-UBND", "20/05/2026")).Succeeded);

        var latest = await service.GetRankingAsync(Year);
        var before = await service.GetRankingAsync(Year, version: 2);
        Assert.Equal(3, latest!.Publication!.Version);
        Assert.Equal("Sai điểm tiêu chí 1.5.1 của Sở Tư pháp", latest.Publication.CorrectionReason);
        Assert.Null(latest.Publication.SupersededBy);
        Assert.Equal(3, before!.Publication!.SupersededBy);
        Assert.Equal(before.Find("SO03")!.Value.Line.Appraisal + (lower - pointsBefore), latest.Find("SO03")!.Value.Line.Appraisal);
        Assert.Equal(amended.Index, latest.Find("SO03")!.Value.Line.Index);
        Assert.Equal(Json(first.Blocs), Json(before.Blocs)); // the earlier version reads exactly as it was published
        Assert.NotNull(await reader.RankingAsync(null, Year));
        Assert.Equal([3, 2], (await service.VersionsAsync(Year)).Select(v => v.Version));

        // Every step is in the audit trail: who, old, new, why.
        await using var audit = demo.Database.CreateContext();
        var steps = await audit.AuditEntries.Where(a => a.Subject == AuditSubjects.Publication && a.AssessmentYearId == audit.Years.Single(y => y.Year == Year).Id)
            .OrderBy(a => a.Id).Select(a => new { a.UserName, a.NewValue, a.Reason }).ToListAsync();
        Assert.Equal(["thuky", "quantri", "thuky", "quantri", "quantri", "thuky", "quantri"], steps.Select(s => s.UserName));
        var amendment = await audit.AuditEntries.SingleAsync(a => a.Subject == AuditSubjects.FinalScore);
        Assert.Equal("thuky", amendment.UserName);
        Assert.Equal("Đính chính (Sai điểm tiêu chí 1.5.1 của Sở Tư pháp): biên bản kiểm tra lại", amendment.Reason);
        Assert.Contains(steps, s => s.Reason == "thiếu số liệu khảo sát");
        Assert.Contains(steps, s => s.NewValue!.Contains("2150/QĐ-UBND", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AwardRules_AreCheckedByField_AndAuditedAndFrozenWithTheVersion()
    {
        var service = demo.Get<PublicationService>();
        var admin = await demo.ActorAsync("quantri");

        var bad = await service.SetAwardsAsync(admin, Year - 1, "-1", "0", "abc");
        var locked = await service.SetAwardsAsync(admin, Year - 1, "3", "5", "5");

        Assert.Equal(["awardTop", "rankGain", "indexGain"], bad.Problems.Select(p => p.Field));
        Assert.Equal(OutcomeKind.Conflict, locked.Kind); // the previous year is published
        Assert.Contains("1520/QĐ-UBND", locked.Message, StringComparison.Ordinal);
        var published = await service.GetRankingAsync(Year - 1);
        Assert.Equal(new AwardRule(3, 5, 5m), published!.Awards);
    }

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    private async Task<int> YearIdAsync()
    {
        await using var db = demo.Database.CreateContext();
        return await db.Years.Where(y => y.Year == Year).Select(y => y.Id).SingleAsync();
    }
}
