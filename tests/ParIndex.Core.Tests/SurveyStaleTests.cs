using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Core.Results;
using ParIndex.Core.Surveys;

namespace ParIndex.Core.Tests;

/// <summary>
/// Survey points never go stale unnoticed (issue 12, defect 4): an import and its rescoring commit
/// together; responses stored without rescoring mark the year, which says so until it is rescored, and
/// a marked year is rescored at the next start (or by importing the same file again).
/// </summary>
public sealed class SurveyStaleTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private const int Year = DemoSeeder.CurrentYear;

    // Ten citizens of SO01 who rate everything lowest: enough to move its survey points.
    private static readonly string Unhappy = "unit,group,respondent,ND1,ND7,ND8\n"
        + string.Concat(Enumerable.Range(1, 10).Select(i => $"SO01,nguoidan,stale-{i},1,0,1\n"));

    private T Service<T>() where T : notnull => demo.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private async Task<(int Respondents, int Imports, decimal Survey, DateTimeOffset? StaleSince)> StateAsync()
    {
        await using var db = demo.Database.CreateContext();
        var year = await db.Years.AsNoTracking().SingleAsync(y => y.Year == Year);
        var survey = await db.UnitResults.Where(r => r.AssessmentYearId == year.Id && r.Unit!.Code == "SO01").Select(r => r.Survey).SingleAsync();
        return (await db.SurveyRespondents.CountAsync(r => r.AssessmentYearId == year.Id), await db.SurveyImports.CountAsync(i => i.AssessmentYearId == year.Id),
            survey, year.SurveyStaleSince);
    }

    [Fact]
    public async Task ACrashWhileRescoring_LeavesNeitherTheRowsNorTheirPoints_AndTheSameFileImportsCleanlyAfterwards()
    {
        var before = await StateAsync();
        await using (var db = demo.Database.CreateContext())
        {
            // The process "dies" at the last step of the rescoring: storing the rank intervals.
            await db.Database.ExecuteSqlRawAsync("""
                CREATE FUNCTION crash() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'simulated crash'; END $$;
                CREATE TRIGGER crash BEFORE INSERT ON survey_intervals FOR EACH STATEMENT EXECUTE FUNCTION crash();
                """);
        }

        try
        {
            var crash = await Assert.ThrowsAnyAsync<Exception>(() =>
                Service<SurveyImportService>().ImportAsync(null, Year, "crash.csv", Encoding.UTF8.GetBytes(Unhappy)));
            Assert.Contains("simulated crash", (crash as PostgresException ?? (PostgresException)crash.InnerException!).MessageText, StringComparison.Ordinal);
            Assert.Equal(before, await StateAsync()); // no respondents, no import, the same points, no mark
        }
        finally
        {
            await using var db = demo.Database.CreateContext();
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER crash ON survey_intervals; DROP FUNCTION crash();");
        }

        var imported = await Service<SurveyImportService>().ImportAsync(null, Year, "crash.csv", Encoding.UTF8.GetBytes(Unhappy));
        var after = await StateAsync();
        Assert.Equal((10, true), (imported.Added, imported.Scoring is not null));
        Assert.Equal((before.Respondents + 10, before.Imports + 1, (DateTimeOffset?)null), (after.Respondents, after.Imports, after.StaleSince));
        Assert.True(after.Survey < before.Survey, $"{after.Survey} < {before.Survey}");
    }

    [Fact]
    public async Task StoredWithoutRescoring_TheYearSaysSo_UntilTheRepairAtStartOrTheSameFileAgain()
    {
        var csv = Unhappy.Replace("stale-", "later-", StringComparison.Ordinal);
        var before = await StateAsync();

        var stored = await Service<SurveyImportService>().ImportAsync(null, Year, "later.csv", Encoding.UTF8.GetBytes(csv), score: false);
        var stale = await StateAsync();
        var ranking = await Service<RankingService>().GetAsync(Year);

        Assert.True(stored.Succeeded, string.Join("\n", stored.Errors));
        Assert.Equal((10, null), (stored.Added, stored.Scoring));
        Assert.Equal(before.Survey, stale.Survey); // not rescored
        Assert.NotNull(stale.StaleSince);
        Assert.Equal(stale.StaleSince, ranking!.SurveyStaleSince);

        // The same file again: nothing to add, but the points it left behind are finished.
        var again = await Service<SurveyImportService>().ImportAsync(null, Year, "later.csv", Encoding.UTF8.GetBytes(csv));
        var repaired = await StateAsync();
        Assert.Equal((0, true), (again.Added, again.Scoring is not null));
        Assert.Null(repaired.StaleSince);
        Assert.True(repaired.Survey < before.Survey);

        // Left stale again (say, online answers), the start-up repair rescores it; then there is nothing left to repair.
        await using (var db = demo.Database.CreateContext())
        {
            var yearId = await db.Years.Where(y => y.Year == Year).Select(y => y.Id).SingleAsync();
            await SurveyScoringService.MarkStaleAsync(db, yearId, TimeProvider.System.GetUtcNow(), default);
        }

        Assert.Equal([Year], await Service<SurveyScoringService>().RepairAsync());
        Assert.Equal(repaired, await StateAsync());
        Assert.Empty(await Service<SurveyScoringService>().RepairAsync());
    }
}
