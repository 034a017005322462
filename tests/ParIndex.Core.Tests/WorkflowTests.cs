using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Core.Demo;
using ParIndex.Core.Evidence;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Results;
using ParIndex.Scoring;

namespace ParIndex.Core.Tests;

/// <summary>The workflow's state machine, calendar locks, unit scope, concurrency and audit, against PostgreSQL.</summary>
public sealed class WorkflowTests(WorkflowFixture app) : IClassFixture<WorkflowFixture>
{
    private const int Year = WorkflowFixture.Year;

    private AssessmentService Service => app.Get<AssessmentService>();

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task Journey_SelfAssessmentAppraisalExplanationRoundTwo_FinalScoresFeedTheEngine()
    {
        var (reporter, head) = await app.UnitStaffAsync("SO02");
        var appraiser = await app.ActorAsync("thamdinh");
        var secretary = await app.ActorAsync("thuky");
        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(1);

        var prefilled = await Service.PrefillFromPreviousYearAsync(reporter, Year, "SO02");
        Assert.True(prefilled.Succeeded, prefilled.Message);
        Assert.True((int)prefilled.Value! > 50);

        // Evidence-required leaves scored without evidence or explanation stop the submission.
        var refused = await Service.SubmitAsync(head, Year, "SO02");
        Assert.Equal(OutcomeKind.Invalid, refused.Kind);
        var needing = refused.Problems.Select(p => p.Field).ToList();
        Assert.NotEmpty(needing);
        Assert.All(needing, f => Assert.Contains(f, DemoFramework.EvidenceRequired));

        var upload = await app.Get<EvidenceService>().UploadAsync(reporter, "SO02", "ke-hoach-cchc.pdf", new MemoryStream(Pdf));
        Assert.True(upload.Succeeded, upload.Message);
        var evidenceId = ((EvidenceFile)upload.Value!).Id;
        foreach (var leaf in needing)
        {
            Assert.True((await Service.LinkEvidenceAsync(reporter, Year, "SO02", leaf, evidenceId, true)).Succeeded);
        }

        Assert.Equal(OutcomeKind.Forbidden, (await Service.SubmitAsync(reporter, Year, "SO02")).Kind); // only the head submits
        var submitted = await Service.SubmitAsync(head, Year, "SO02");
        Assert.True(submitted.Succeeded, submitted.Message);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.SaveSelfAsync(reporter, Year, "SO02", "1.1.3", LeafInput.YesNo(true), null, 99)).Kind);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.AppraiseAsync(appraiser, Year, "SO02", "1.1.3", AppraisalDecision.Accepted, default, null, false, 0)).Kind);

        // Round 1: accept everything, adjust one leaf (a reason is required), flag another.
        app.Clock.Now = WorkflowFixture.FirstRoundOpens.AddDays(1);
        var sheet = (UnitSheet)(await Service.SheetAsync(appraiser, Year, "SO02")).Value!;
        var leaves = sheet.Areas.SelectMany(a => a.Leaves).ToList();
        Assert.Equal(OutcomeKind.Invalid, (await Service.CloseFirstRoundAsync(appraiser, Year, "SO02")).Kind);
        var noReason = await Service.AppraiseAsync(appraiser, Year, "SO02", "1.1.3", AppraisalDecision.Adjusted, LeafInput.YesNo(false), " ", false, Version("1.1.3"));
        Assert.Equal(OutcomeKind.Invalid, noReason.Kind);
        Assert.Contains(noReason.Problems, p => p.Field == "reason");
        foreach (var leaf in leaves)
        {
            var outcome = leaf.Code switch
            {
                "1.1.3" => await Service.AppraiseAsync(appraiser, Year, "SO02", leaf.Code, AppraisalDecision.Adjusted, LeafInput.YesNo(false),
                    "Chưa bố trí kinh phí riêng cho CCHC", false, leaf.Version),
                "1.3.1" => await Service.AppraiseAsync(appraiser, Year, "SO02", leaf.Code, AppraisalDecision.Accepted, default,
                    "Đề nghị bổ sung kế hoạch kiểm tra đã ký", true, leaf.Version),
                _ => await Service.AppraiseAsync(appraiser, Year, "SO02", leaf.Code, AppraisalDecision.Accepted, default, null, false, leaf.Version),
            };
            Assert.True(outcome.Succeeded, $"{leaf.Code}: {outcome.Message}");
        }

        Assert.True((await Service.CloseFirstRoundAsync(appraiser, Year, "SO02")).Succeeded);
        Assert.Equal(UnitStatus.Explaining, await StatusAsync("SO02"));

        // Explanation: the unit answers the adjusted and the flagged leaf; the head sends.
        Assert.Equal(OutcomeKind.Forbidden, (await Service.RespondAsync(reporter, Year, "SO02", "1.1.3", "early", Version("1.1.3"))).Kind);
        app.Clock.Now = WorkflowFixture.ExplanationOpens.AddDays(1);
        Assert.Equal(OutcomeKind.Invalid, (await Service.RespondAsync(reporter, Year, "SO02", "1.1.2", "x", Version("1.1.2"))).Kind); // not asked
        Assert.True((await Service.RespondAsync(reporter, Year, "SO02", "1.1.3", "Kinh phí CCHC nằm trong dự toán chung của Sở", Version("1.1.3"))).Succeeded);
        Assert.True((await Service.RespondAsync(reporter, Year, "SO02", "1.3.1", "Đã bổ sung kế hoạch số 12/KH-STP", Version("1.3.1"))).Succeeded);
        Assert.True((await Service.SendExplanationAsync(head, Year, "SO02")).Succeeded);
        Assert.Equal(UnitStatus.InAppraisal, await StatusAsync("SO02"));

        // Round 2 settles only the explained leaves; finalisation waits for its phase.
        app.Clock.Now = WorkflowFixture.SecondRoundOpens.AddDays(1);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.AppraiseAsync(appraiser, Year, "SO02", "1.1.2", AppraisalDecision.Accepted, default, null, false, Version("1.1.2"))).Kind);
        Assert.True((await Service.AppraiseAsync(appraiser, Year, "SO02", "1.1.3", AppraisalDecision.Accepted, default, "Giữ điều chỉnh vòng 1", false, Version("1.1.3"))).Succeeded);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.FinaliseAsync(secretary, Year, "SO02")).Kind);
        app.Clock.Now = WorkflowFixture.FinalisationOpens.AddDays(1);
        var notSettled = await Service.FinaliseAsync(secretary, Year, "SO02");
        Assert.Equal(OutcomeKind.Invalid, notSettled.Kind);
        Assert.Equal(["1.3.1"], notSettled.Problems.Select(p => p.Field));
        app.Clock.Now = WorkflowFixture.SecondRoundOpens.AddDays(2);
        Assert.True((await Service.AppraiseAsync(appraiser, Year, "SO02", "1.3.1", AppraisalDecision.Adjusted, LeafInput.YesNo(false), "Kế hoạch ban hành sau kỳ đánh giá", false, Version("1.3.1"))).Succeeded);
        app.Clock.Now = WorkflowFixture.FinalisationOpens.AddDays(1);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.FinaliseAsync(appraiser, Year, "SO02")).Kind);
        var finalised = await Service.FinaliseAsync(secretary, Year, "SO02");
        Assert.True(finalised.Succeeded, finalised.Message);

        // The stored result is the engine's score of the settled inputs.
        var db = app.Db();
        var year = await db.Years.SingleAsync(y => y.Year == Year);
        var unit = await db.Units.SingleAsync(u => u.Code == "SO02");
        var yearUnit = await db.YearUnits.SingleAsync(y => y.AssessmentYearId == year.Id && y.UnitId == unit.Id);
        Assert.Equal(UnitStatus.Final, yearUnit.Status);
        var version = await db.Frameworks.Include(f => f.Nodes).SingleAsync(f => f.Id == yearUnit.FrameworkId);
        var framework = StoredFramework.From(version, version.Nodes);
        var inputs = framework.Framework.NewInputs();
        foreach (var entry in await db.LeafEntries.Where(e => e.AssessmentYearId == year.Id && e.UnitId == unit.Id).ToListAsync())
        {
            inputs[framework.LeafIndexOf(entry.NodeId)] = entry.FinalInput;
        }

        Assert.Equal(LeafInput.YesNo(false), inputs[framework.Framework["1.1.3"].LeafIndex]);
        Assert.Equal(LeafInput.YesNo(false), inputs[framework.Framework["1.3.1"].LeafIndex]);
        var expected = framework.Framework.Score(inputs).Index;
        var stored = await db.UnitResults.SingleAsync(r => r.AssessmentYearId == year.Id && r.UnitId == unit.Id);
        Assert.Equal(expected.Appraisal, stored.Appraisal);
        Assert.Equal(expected.ApplicableMaximum, stored.ApplicableMaximum);
        var sheet2 = (UnitSheet)(await Service.SheetAsync(secretary, Year, "SO02")).Value!;
        Assert.Equal(stored.Appraisal, sheet2.Appraised!.Points);
        Assert.True(sheet2.Appraised.Points < sheet2.Progress.Points, "two leaves were adjusted down");
        var ranking = await new RankingService(db).GetAsync(Year);
        Assert.Contains(ranking!.Blocs.SelectMany(b => b.Units), u => u.UnitCode == "SO02");

        // Every step is in the audit trail; the unit and the council were told.
        var statuses = await db.AuditEntries.Where(a => a.UnitId == unit.Id && a.AssessmentYearId == year.Id && a.Subject == AuditSubjects.Status)
            .OrderBy(a => a.Id).Select(a => a.NewValue).ToListAsync();
        Assert.Equal(["Drafting", "Submitted", "InAppraisal", "Explaining", "InAppraisal", "Final"], statuses);
        var adjustment = await db.AuditEntries.SingleAsync(a => a.UnitId == unit.Id && a.Subject == AuditSubjects.FirstRound && a.NewValue == "adjusted to no");
        Assert.Equal("thamdinh", adjustment.UserName);
        Assert.Equal("Chưa bố trí kinh phí riêng cho CCHC", adjustment.Reason);
        Assert.Equal("accepted", adjustment.OldValue is null ? "accepted" : adjustment.OldValue);
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == reporter.UserId && n.Message.Contains("giải trình")));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == head.UserId && n.Message.Contains("đã được chốt")));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == appraiser.UserId && n.Message.Contains("đã gửi kết quả tự đánh giá")));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == secretary.UserId && n.Message.Contains("đã gửi giải trình")));

        int Version(string leaf) => ((UnitSheet)Service.SheetAsync(secretary, Year, "SO02").GetAwaiter().GetResult().Value!)
            .Areas.SelectMany(a => a.Leaves).Single(l => l.Code == leaf).Version;
    }

    [Fact]
    public async Task Calendar_BeforeOpeningAndAfterClosing_RefusesEntries_AnExtensionReopensForOneUnit()
    {
        var (reporter, _) = await app.UnitStaffAsync("SO06");
        var (other, _) = await app.UnitStaffAsync("SO07");
        var admin = await app.ActorAsync("quantri");

        app.Clock.Now = WorkflowFixture.SelfOpens.AddMinutes(-1);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.SaveSelfAsync(reporter, Year, "SO06", "1.1.3", LeafInput.YesNo(true), null, 0)).Kind);
        app.Clock.Now = WorkflowFixture.SelfOpens;
        Assert.True((await Service.SaveSelfAsync(reporter, Year, "SO06", "1.1.3", LeafInput.YesNo(true), null, 0)).Succeeded);
        app.Clock.Now = WorkflowFixture.FirstRoundOpens;
        Assert.Equal(OutcomeKind.Forbidden, (await Service.SaveSelfAsync(reporter, Year, "SO06", "1.1.3", LeafInput.YesNo(false), null, 1)).Kind);

        var years = app.Get<Years.YearAdminService>();
        Assert.Equal(OutcomeKind.Invalid, (await years.ExtendDeadlineAsync(admin, Year, "SO06", Years.AssessmentPhase.SelfAssessment, WorkflowFixture.FirstRoundOpens.AddDays(5), " ")).Kind);
        Assert.Equal(OutcomeKind.Invalid, (await years.ExtendDeadlineAsync(admin, Year, "SO06", Years.AssessmentPhase.SelfAssessment, WorkflowFixture.FirstRoundOpens.AddDays(-5), "ốm")).Kind);
        Assert.True((await years.ExtendDeadlineAsync(admin, Year, "SO06", Years.AssessmentPhase.SelfAssessment, WorkflowFixture.FirstRoundOpens.AddDays(5), "Sáp nhập phòng chuyên môn")).Succeeded);

        Assert.True((await Service.SaveSelfAsync(reporter, Year, "SO06", "1.1.3", LeafInput.YesNo(false), null, 1)).Succeeded);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.SaveSelfAsync(other, Year, "SO07", "1.1.3", LeafInput.YesNo(false), null, 0)).Kind);
        var dashboard = await years.DashboardAsync(Year);
        Assert.True(dashboard!.Units.Single(u => u.UnitCode == "SO07").Late);
        Assert.False(dashboard.Units.Single(u => u.UnitCode == "SO06").Late);
        app.Clock.Now = WorkflowFixture.FirstRoundOpens.AddDays(6);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.SaveSelfAsync(reporter, Year, "SO06", "1.1.3", LeafInput.YesNo(true), null, 2)).Kind);
        Assert.True((await years.DashboardAsync(Year))!.Units.Single(u => u.UnitCode == "SO06").Late);

        var unitId = await app.Db().Units.Where(u => u.Code == "SO06").Select(u => u.Id).SingleAsync();
        var audit = await app.Db().AuditEntries.SingleAsync(a => a.Subject == AuditSubjects.Deadline && a.UnitId == unitId);
        Assert.Equal("quantri", audit.UserName);
        Assert.Equal("Sáp nhập phòng chuyên môn", audit.Reason);
        Assert.StartsWith("SelfAssessment: 2027-01-31 17:00", audit.OldValue, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadInput_OutsideTheRule_IsRefusedWithTheLeaf_AndNothingIsSaved()
    {
        var (reporter, _) = await app.UnitStaffAsync("SO08");
        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(2);

        var above = await Service.SaveSelfAsync(reporter, Year, "SO08", "1.5.1", LeafInput.Points(5m), null, 0);
        var rate = await Service.SaveSelfAsync(reporter, Year, "SO08", "1.1.2", LeafInput.Rate(12m, 10m), null, 0);
        var kind = await Service.SaveSelfAsync(reporter, Year, "SO08", "1.1.3", LeafInput.Points(0.5m), null, 0);
        var unknown = await Service.SaveSelfAsync(reporter, Year, "SO08", "9.9.9", LeafInput.Points(0.5m), null, 0);

        Assert.Equal(OutcomeKind.Invalid, above.Kind);
        Assert.Contains("1.5.1", above.Message, StringComparison.Ordinal);
        Assert.Contains("vượt quá điểm tối đa", above.Message, StringComparison.Ordinal);
        Assert.Contains("tử số lớn hơn mẫu số", rate.Message, StringComparison.Ordinal);
        Assert.Equal(OutcomeKind.Invalid, kind.Kind);
        Assert.Equal(OutcomeKind.NotFound, unknown.Kind);
        var unitId = await app.Db().Units.Where(u => u.Code == "SO08").Select(u => u.Id).SingleAsync();
        Assert.False(await app.Db().LeafEntries.AnyAsync(e => e.UnitId == unitId));
        var yearId = await app.Db().Years.Where(y => y.Year == Year).Select(y => y.Id).SingleAsync();
        Assert.False(await app.Db().AuditEntries.AnyAsync(e => e.UnitId == unitId && e.AssessmentYearId == yearId));
    }

    [Fact]
    public async Task TwoPeopleSaveTheSameLeaf_TheSecondGetsAConflictWithTheFirstsValue()
    {
        var (reporter, head) = await app.UnitStaffAsync("SO09");
        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(3);
        var first = await Service.SaveSelfAsync(reporter, Year, "SO09", "1.5.1", LeafInput.Points(0.5m), "first", 0);
        Assert.True(first.Succeeded);
        var read = ((LeafEntry)first.Value!).Version;

        var mine = await Service.SaveSelfAsync(reporter, Year, "SO09", "1.5.1", LeafInput.Points(1m), "reporter again", read);
        var theirs = await Service.SaveSelfAsync(head, Year, "SO09", "1.5.1", LeafInput.Points(0m), "head", read);

        Assert.True(mine.Succeeded);
        Assert.Equal(OutcomeKind.Conflict, theirs.Kind);
        Assert.Contains("tự chấm: 1", theirs.Message, StringComparison.Ordinal);
        var stored = (LeafEntry)theirs.Value!;
        Assert.Equal(LeafInput.Points(1m), stored.SelfInput);

        // A race between two saves of the same version: exactly one wins.
        var racers = await Task.WhenAll(
            Service.SaveSelfAsync(reporter, Year, "SO09", "1.5.1", LeafInput.Points(0.5m), "a", stored.Version),
            app.Get<AssessmentService>().SaveSelfAsync(head, Year, "SO09", "1.5.1", LeafInput.Points(0m), "b", stored.Version));
        Assert.Single(racers, r => r.Succeeded);
        Assert.Single(racers, r => r.Kind == OutcomeKind.Conflict);
    }

    [Fact]
    public async Task UnitScope_UnitStaffSeeOnlyTheirUnit_AppraisersOnlyWhatIsAssigned()
    {
        var (reporter, _) = await app.UnitStaffAsync("SO10");
        var appraiser = await app.ActorAsync("thamdinh");
        var viewer = await app.ActorAsync("lanhdao");
        var admin = await app.ActorAsync("quantri");

        Assert.True((await Service.SheetAsync(reporter, Year, "SO10")).Succeeded);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.SheetAsync(reporter, Year, "SO01")).Kind);
        Assert.True((await Service.SheetAsync(appraiser, Year, "SO01")).Succeeded);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.SheetAsync(appraiser, Year, "SO10")).Kind);
        Assert.True((await Service.SheetAsync(viewer, Year, "XA30")).Succeeded);
        Assert.Equal(OutcomeKind.NotFound, (await Service.SheetAsync(viewer, Year, "NOPE")).Kind);

        // An area-only assignment shows that area of every unit, and nothing else.
        var accounts = app.Get<AccountService>();
        Assert.True((await accounts.CreateAsync(admin, new NewAccount("thamdinh.linhvuc2", "Thẩm định lĩnh vực 2", null, Roles.Appraiser, null, "Abcdefgh12"))).Succeeded);
        Assert.True((await accounts.AssignAsync(admin, Year, "thamdinh.linhvuc2", null, "2")).Succeeded);
        Assert.Equal(OutcomeKind.Invalid, (await accounts.AssignAsync(admin, Year, "thamdinh.linhvuc2", null, "99")).Kind);
        var areaAppraiser = await app.ActorAsync("thamdinh.linhvuc2");
        var sheet = (UnitSheet)(await Service.SheetAsync(areaAppraiser, Year, "XA12")).Value!;
        Assert.Equal(["2"], sheet.Areas.Select(a => a.Code));

        // Evidence follows the unit's scope.
        var uploaded = await app.Get<EvidenceService>().UploadAsync(reporter, "SO10", "bao-cao.pdf", new MemoryStream(Pdf));
        var id = ((EvidenceFile)uploaded.Value!).Id;
        var evidence = app.Get<EvidenceService>();
        Assert.Null(await evidence.OpenAsync(appraiser, id));
        Assert.Null(await evidence.OpenAsync((await app.UnitStaffAsync("SO11")).Reporter, id));
        var opened = await evidence.OpenAsync(viewer, id);
        Assert.NotNull(opened);
        await opened.Value.Content.DisposeAsync();
        Assert.Equal(OutcomeKind.Forbidden, (await evidence.UploadAsync(reporter, "SO11", "x.pdf", new MemoryStream(Pdf))).Kind);
    }

    [Fact]
    public async Task Accounts_PasswordPolicyAndUnitRules_AreExplained()
    {
        var accounts = app.Get<AccountService>();

        var weak = await accounts.CreateAsync(null, new NewAccount("yeu", "Mật khẩu yếu", null, Roles.Viewer, null, "abc"));
        var noUnit = await accounts.CreateAsync(null, new NewAccount("khongdonvi", "Không đơn vị", null, Roles.Reporter, null, "Abcdefgh12"));
        var badRole = await accounts.CreateAsync(null, new NewAccount("vaitro", "Vai trò lạ", null, "boss", null, "Abcdefgh12"));

        Assert.Contains(weak.Problems, p => p.Field == "password" && p.Message.Contains("10 ký tự", StringComparison.Ordinal));
        Assert.Contains(noUnit.Problems, p => p.Field == "unitCode");
        Assert.Contains(badRole.Problems, p => p.Field == "role");
        Assert.False(await app.Db().Users.AnyAsync(u => u.UserName == "yeu" || u.UserName == "khongdonvi" || u.UserName == "vaitro"));
    }

    private async Task<UnitStatus> StatusAsync(string code)
    {
        var db = app.Db();
        return await db.YearUnits.Where(y => y.Unit!.Code == code && db.Years.Any(a => a.Id == y.AssessmentYearId && a.Year == Year))
            .Select(y => y.Status).SingleAsync();
    }
}
