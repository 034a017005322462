using ParIndex.Scoring.Surveys;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Core.Results;
using ParIndex.Core.Surveys;
using ParIndex.Scoring;

namespace ParIndex.Core.Tests;

/// <summary>The survey over a seeded demo database: scoring into results, import checks and dedupe, the public form's codes.</summary>
public sealed class SurveyTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private const int Year = DemoSeeder.CurrentYear;

    private ParIndexDbContext Db() => demo.Database.CreateContext();

    private T Service<T>() where T : notnull => demo.Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private async Task<int> RespondentsAsync()
    {
        await using var db = Db();
        return await db.SurveyRespondents.CountAsync();
    }

    private Task<SurveyImportOutcome> ImportAsync(string csv, string name = "test.csv") =>
        Service<SurveyImportService>().ImportAsync(null, Year, name, Encoding.UTF8.GetBytes(csv));

    [Fact]
    public async Task Demo_SurveyPointsComeFromTheResponses_AndFlowIntoTheRanking()
    {
        await using var db = Db();
        var yearId = await db.Years.Where(y => y.Year == Year).Select(y => y.Id).SingleAsync();
        var so01 = await db.Units.Where(u => u.Code == "SO01").Select(u => u.Id).SingleAsync();

        // Leaf 8.3.6 (max 2,5), positive share, citizens weigh 2 and businesses 1: counted here straight from the stored answers.
        var questions = await db.SurveyQuestions.Where(q => q.AssessmentYearId == yearId).ToDictionaryAsync(q => q.Code, q => q.Position);
        var respondents = await db.SurveyRespondents.Where(r => r.AssessmentYearId == yearId && r.UnitId == so01 && r.SubmittedAt != null)
            .ToListAsync();
        decimal Share(string code) => (decimal)respondents.Count(r => r.Answers[questions[code]] >= 4) / respondents.Count(r => r.Answers[questions[code]] > 0);
        var expected = 2.5m * ((2m * Share("ND6")) + Share("DN6")) / 3m;

        var node = await db.FrameworkNodes.Where(n => n.Code == "8.3.6" && db.Frameworks.Any(f => f.Id == n.FrameworkId && f.AssessmentYearId == yearId))
            .Select(n => n.Id).SingleAsync();
        var stored = await db.LeafScores.SingleAsync(s => s.AssessmentYearId == yearId && s.UnitId == so01 && s.NodeId == node);
        Assert.Equal(LeafInputKind.Rate, stored.Kind);
        Assert.Equal(expected, 2.5m * stored.First / stored.Second, 20);

        var ranking = (await new RankingService(db).GetAsync(Year))!;
        var rows = ranking.Blocs.SelectMany(b => b.Units).ToList();
        Assert.All(rows, r => Assert.True(r.Survey > 0m, r.UnitCode));
        Assert.All(rows, r => Assert.NotNull(r.SurveyStats?.Interval));
        Assert.All(rows, r => Assert.InRange(r.SurveyStats!.Responses, 200, 400));
        Assert.All(rows, r => Assert.InRange(r.SurveyStats!.Margin!.Value, 0.01, 0.35));
        var so03 = rows.Single(r => r.UnitCode == "SO03");
        var so04 = rows.Single(r => r.UnitCode == "SO04");
        Assert.Equal(so03.Index, so04.Index); // identical answers and appraisal: the demo's tie holds
        Assert.Equal(so03.Rank, so04.Rank);
        Assert.True(so03.SurveyStats!.Interval!.RankBest <= so03.Rank && so03.Rank <= so03.SurveyStats.Interval.RankWorst + 1);
        Assert.Contains(rows, r => r.SurveyStats!.Interval!.RobustAgainstNext == false);
    }

    [Fact]
    public async Task Import_BadFile_NamesEveryBadRowAndCell_AndStoresNothing()
    {
        var before = await RespondentsAsync();
        var csv = """
            mã đơn vị,nhóm,mã phiếu,ND1,ND7,ND8,LD1,XX9
            SO01,nguoidan,bad-1,5,1,1,,
            SO99,nguoidan,bad-2,4,,,,
            SO01,khach,bad-3,4,,,,
            SO01,nguoidan,bad-4,7,,,,
            SO01,nguoidan,bad-1,3,,,,
            SO01,nguoidan,bad-6,3,,,4,
            SO01,nguoidan,bad-7,,có lẽ,4,,
            SO01,nguoidan,bad-8,,,,,
            """;
        var outcome = await ImportAsync(csv);

        Assert.False(outcome.Succeeded);
        var lines = outcome.Errors.Select(e => e.ToString()).ToList();
        Assert.Contains(lines, e => e.Contains("dòng 1, cột H 'XX9'", StringComparison.Ordinal) && e.Contains("XX9", StringComparison.Ordinal));
        Assert.Contains(lines, e => e.Contains("dòng 3, cột A", StringComparison.Ordinal) && e.Contains("SO99", StringComparison.Ordinal));
        Assert.Contains(lines, e => e.Contains("dòng 4, cột B", StringComparison.Ordinal) && e.Contains("khach", StringComparison.Ordinal));
        Assert.Contains(lines, e => e.Contains("dòng 5, cột D 'ND1'", StringComparison.Ordinal) && e.Contains("\"7\"", StringComparison.Ordinal));
        Assert.Contains(lines, e => e.Contains("dòng 6, cột C", StringComparison.Ordinal) && e.Contains("dòng 2", StringComparison.Ordinal));
        Assert.Contains(lines, e => e.Contains("dòng 7, cột G 'LD1'", StringComparison.Ordinal) && e.Contains("lanhdao", StringComparison.Ordinal));
        Assert.Contains(lines, e => e.Contains("dòng 8, cột E 'ND7'", StringComparison.Ordinal));
        Assert.Contains(lines, e => e.Contains("dòng 8, cột F 'ND8'", StringComparison.Ordinal));
        Assert.True(lines.Any(e => e.StartsWith("test.csv: dòng 9:", StringComparison.Ordinal)), string.Join("\n", lines));
        Assert.DoesNotContain(lines, e => e.StartsWith("test.csv: dòng 2,", StringComparison.Ordinal) || e.StartsWith("test.csv: dòng 2:", StringComparison.Ordinal));
        Assert.Equal(before, await RespondentsAsync());
        await using var db = Db();
        Assert.False(await db.SurveyImports.AnyAsync(i => i.FileName == "test.csv"));
    }

    [Fact]
    public async Task Import_MissingColumnsOrEmptyFile_IsRefusedWithTheHeaderNamed()
    {
        var noUnit = await ImportAsync("nhóm,ND1\nnguoidan,5\n", "nounit.csv");
        var empty = await ImportAsync("", "empty.csv");
        var legacy = await Service<SurveyImportService>().ImportAsync(null, Year, "old.xls", [0xD0, 0xCF, 0x11, 0xE0, 1, 2, 3]);

        Assert.Contains(noUnit.Errors, e => e.Line == 1 && e.Message.Contains("mã đơn vị", StringComparison.Ordinal));
        Assert.Contains(empty.Errors, e => e.Message.Contains("trống", StringComparison.Ordinal));
        Assert.Contains(legacy.Errors, e => e.Message.Contains(".xls", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Import_TheSameFileOrTheSameRespondentsAgain_DoesNotDoubleCount()
    {
        var csv = "unit,group,respondent,ND1,ND6\nSO05,nguoidan,dup-1,5,5\nSO05,nguoidan,dup-2,2,1\n";
        var before = await RespondentsAsync();

        var first = await ImportAsync(csv, "dup.csv");
        var again = await ImportAsync(csv, "dup-renamed.csv");
        var overlapping = await ImportAsync(csv + "SO05,nguoidan,dup-3,4,4\n", "dup-plus.csv");
        var changed = await ImportAsync("unit,group,respondent,ND1\nSO05,nguoidan,dup-1,1\n", "dup-changed.csv");

        Assert.True(first.Succeeded);
        Assert.Equal(2, first.Added);
        Assert.NotNull(first.Scoring);
        Assert.True(again.Succeeded);
        Assert.Equal(0, again.Added);
        Assert.Equal("dup.csv", again.PreviousImport?.FileName);
        Assert.Equal((1, 2), (overlapping.Added, overlapping.AlreadyPresent));
        Assert.False(changed.Succeeded);
        Assert.Contains(changed.Errors, e => e.Line == 2 && e.Message.Contains("dup-1", StringComparison.Ordinal));
        Assert.Equal(before + 3, await RespondentsAsync());

        // Respondents have no row-level foreign keys (ADR 0010): a parent that goes takes them along by trigger.
        await using var db = Db();
        await db.SurveyImports.Where(i => i.FileName == "dup.csv").ExecuteDeleteAsync();
        Assert.Equal(["dup-3"], await db.SurveyRespondents.Where(r => r.RespondentKey.StartsWith("dup-")).Select(r => r.RespondentKey).ToArrayAsync());
    }

    [Fact]
    public async Task PublicForm_ACodeWorksOnce_KeepsPartialAnswers_AndAWrongCodeIsRefused()
    {
        var forms = Service<SurveyFormService>();
        var created = await forms.CreateInvitationsAsync(null, Year, "SO06", "nguoidan", 2);
        var codes = (List<string>)created.Value!;

        Assert.Null(await forms.OpenAsync("WRONG123"));
        Assert.Null(await forms.OpenAsync("short"));
        var form = (await forms.OpenAsync(codes[0].ToLowerInvariant()))!;
        Assert.Equal(8, form.Questions.Count);
        Assert.False((await forms.SubmitAsync(codes[0])).Succeeded); // nothing answered yet

        Assert.True((await forms.AnswerAsync(codes[0], "ND1", 5)).Succeeded);
        Assert.False((await forms.AnswerAsync(codes[0], "ND1", 9)).Succeeded);
        Assert.False((await forms.AnswerAsync(codes[0], "LD1", 4)).Succeeded); // another group's question
        Assert.True((await forms.AnswerAsync(codes[0], "ND8", SurveyQuestion.DontKnow)).Succeeded); // "don't know" is offered there
        Assert.False((await forms.AnswerAsync(codes[0], "ND6", SurveyQuestion.DontKnow)).Succeeded); // and not there
        Assert.False((await forms.AnswerAsync(codes[0], "ND2", SurveyQuestion.NoAnswer)).Succeeded); // "no answer" is not an answer to send
        var reopened = (await forms.OpenAsync(codes[0]))!;
        Assert.Equal(5, reopened.Answers["ND1"]);
        Assert.Equal(SurveyQuestion.DontKnow, reopened.Answers["ND8"]); // "don't know" counts as answered in the progress
        Assert.Equal(2, reopened.Answers.Count);

        Assert.True((await forms.SubmitAsync(codes[0])).Succeeded);
        Assert.False((await forms.SubmitAsync(codes[0])).Succeeded);
        Assert.False((await forms.AnswerAsync(codes[0], "ND2", 4)).Succeeded);
        Assert.True((await forms.OpenAsync(codes[0]))!.Submitted);

        await using var db = Db();
        var key = "online:" + codes[0];
        var respondent = await db.SurveyRespondents.SingleAsync(r => r.RespondentKey == key);
        Assert.NotNull(respondent.SubmittedAt);
        Assert.Equal(1, await db.SurveyInvitations.CountAsync(i => i.SubmittedAt != null && codes.Contains(i.Code)));
    }

    [Fact]
    public async Task DontKnow_IsAnAnswerGiven_ButMissingInTheScores_AndAFileOfBeforeStillMatches()
    {
        var forms = Service<SurveyFormService>();
        var code = ((List<string>)(await forms.CreateInvitationsAsync(null, Year, "SO07", "nguoidan", 1)).Value!)[0];
        Assert.True((await forms.AnswerAsync(code, "ND8", SurveyQuestion.DontKnow)).Succeeded);
        Assert.True((await forms.SubmitAsync(code)).Succeeded); // only "don't know": answered, so it may be sent

        var csv = "unit,group,respondent,ND1,ND8\nSO07,nguoidan,kb-1,4,KB\nSO07,nguoidan,kb-2,,Không biết\n";
        var first = await ImportAsync(csv, "kb.csv");
        Assert.True(first.Succeeded, string.Join("; ", first.Errors.Select(e => e.Message)));
        Assert.Equal(2, first.Added); // a row of "don't know" only is a response given

        await using var db = Db();
        var setup = (await SurveySetup.LoadAsync(db, Year))!;
        var nd8 = setup.Questions.Single(q => q.Code == "ND8").Position;
        var stored = await db.SurveyRespondents.SingleAsync(r => r.RespondentKey == "kb-1");
        Assert.Equal(SurveyQuestion.DontKnow, stored.Answers[nd8]);

        // Before "don't know" had a code of its own it was stored as no answer: the same rows are recognised.
        await db.SurveyRespondents.Where(r => r.Id == stored.Id)
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.Answers, stored.Answers.Select(a => a == SurveyQuestion.DontKnow ? SurveyQuestion.NoAnswer : a).ToArray()));
        await db.SurveyImports.Where(i => i.FileName == "kb.csv").ExecuteUpdateAsync(u => u.SetProperty(i => i.Sha256, "0000"));
        var again = await ImportAsync(csv, "kb-again.csv");
        Assert.True(again.Succeeded, string.Join("; ", again.Errors.Select(e => e.Message)));
        Assert.Equal((0, 2), (again.Added, again.AlreadyPresent));
    }

    [Fact]
    public async Task Questionnaire_BadQuestionsAreRefusedByField_AndQuestionsCannotBeRemovedOnceAnswered()
    {
        var admin = Service<SurveyAdminService>();
        var bad = await admin.AddQuestionAsync(null, Year, new QuestionSpec("nguoidan", "ND1", "", Scoring.Surveys.QuestionKind.Scale, 1, 5, 9m, [], [], false, "1.1.1", 0m));
        var removed = await admin.RemoveQuestionAsync(null, Year, "ND1");

        Assert.Equal(["code", "text", "weight", "leaf", "positiveFrom"], bad.Problems.Select(p => p.Field).ToArray());
        Assert.Contains("1.1.1", bad.Problems.Single(p => p.Field == "leaf").Message, StringComparison.Ordinal);
        Assert.False(removed.Succeeded);

        // Texts past their length are refused by field, not stored (issue 12: every name and code has a limit).
        var longText = await admin.AddQuestionAsync(null, Year, new QuestionSpec("nguoidan", "ND99", new string('đ', TextLimits.NodeName + 1),
            Scoring.Surveys.QuestionKind.Scale, 1, 5, 4m, [new string('x', TextLimits.Name + 1)], [], false, "8.3.6", 1m));
        var longGroup = await admin.AddGroupAsync(null, Year, "dai", new string('x', TextLimits.Name + 1));
        Assert.Contains(longText.Problems, p => p.Field == "text");
        Assert.Contains(longText.Problems, p => p.Field == "labels");
        Assert.Equal("name", longGroup.Problems.Single().Field);
    }

    [Fact]
    public async Task Scoring_AUnitOnAFrameworkVersionWithoutASurveyLeaf_IsScoredOnTheLeavesItHas()
    {
        await using var db = Db();
        var admin = new Accounts.Actor(await db.Users.Where(u => u.UserName == "quantri").Select(u => u.Id).SingleAsync(), "quantri", Accounts.Roles.Administrator, null);
        var yearId = await db.Years.Where(y => y.Year == Year).Select(y => y.Id).SingleAsync();
        var original = await db.Frameworks.Where(f => f.AssessmentYearId == yearId).Select(f => f.Id).FirstAsync();
        var copied = await Service<Frameworks.FrameworkAdminService>().CopyVersionAsync(admin, Year, original, "demo-xa-2025", "Bộ chỉ số xã (không có 8.3.6)");
        Assert.True(copied.Succeeded, copied.Message);
        var copy = ((Frameworks.FrameworkVersion)copied.Value!).Id;
        await db.FrameworkNodes.Where(n => n.FrameworkId == copy && n.Code == "8.3.6").ExecuteDeleteAsync();
        await db.FrameworkNodes.Where(n => n.FrameworkId == copy && (n.Code == "8.3" || n.Code == "8"))
            .ExecuteUpdateAsync(n => n.SetProperty(x => x.MaxPoints, x => x.MaxPoints - 2.5m));
        var xa30 = await db.Units.Where(u => u.Code == "XA30").Select(u => u.Id).SingleAsync();
        await db.YearUnits.Where(u => u.AssessmentYearId == yearId && u.UnitId == xa30).ExecuteUpdateAsync(u => u.SetProperty(x => x.FrameworkId, copy));

        var report = await Service<SurveyScoringService>().ScoreAsync(null, Year, "test");

        Assert.Empty(report.Problems);
        var copyNodes = await db.FrameworkNodes.Where(n => n.FrameworkId == copy && n.Code.StartsWith("8.3.")).Select(n => n.Id).ToListAsync();
        Assert.Equal(5, await db.LeafScores.CountAsync(s => s.UnitId == xa30 && copyNodes.Contains(s.NodeId) && s.Kind == LeafInputKind.Rate));
        var result = await db.UnitResults.AsNoTracking().SingleAsync(r => r.AssessmentYearId == yearId && r.UnitId == xa30);
        Assert.Equal(32m - 2.5m, result.SurveyMaximum); // the demo's 32 survey points less the missing 8.3.6
    }

    [Fact]
    public async Task SamplePlan_GivesBothSizesAndProgress()
    {
        await using var db = Db();
        var yearId = await db.Years.Where(y => y.Year == Year).Select(y => y.Id).SingleAsync();
        var (groups, rows) = await new SurveyStatsService(db).PlanAsync(yearId, 0.05);

        Assert.Equal(["lanhdao", "congchuc", "nguoidan", "doanhnghiep"], groups.Select(g => g.Code).ToArray());
        var citizens = rows.Single(r => r.UnitCode == "SO01").Cells[2];
        Assert.Equal(Scoring.Surveys.SamplePlanner.Yamane(citizens.Population!.Value, 0.05), citizens.Yamane);
        Assert.InRange(citizens.Collected, 150, 170);
    }
}
