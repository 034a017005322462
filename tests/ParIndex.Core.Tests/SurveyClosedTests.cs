using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Surveys;

namespace ParIndex.Core.Tests;

/// <summary>A code of a closed year (results proposed or published) says so at once and takes no answer.</summary>
public sealed class SurveyClosedTests(WorkflowFixture app) : IClassFixture<WorkflowFixture>
{
    [Fact]
    public async Task ACodeOfAClosedYear_SaysSoOnOpening_AndTakesNoAnswer()
    {
        var db = app.Db();
        var yearId = await db.Years.Where(y => y.Year == WorkflowFixture.Year).Select(y => y.Id).SingleAsync();
        var group = await db.SurveyGroups.Where(g => g.AssessmentYearId == yearId).OrderBy(g => g.SortOrder).FirstAsync();
        var forms = app.Get<SurveyFormService>();
        var created = await forms.CreateInvitationsAsync(await app.ActorAsync("thuky"), WorkflowFixture.Year, "SO01", group.Code, 1);
        Assert.True(created.Succeeded, created.Message);
        var code = (await forms.InvitationsAsync(WorkflowFixture.Year, "SO01", group.Code)).Single().Code;
        var open = (await forms.OpenAsync(code))!;
        Assert.False(open.Closed);

        await db.Years.Where(y => y.Id == yearId).ExecuteUpdateAsync(s => s.SetProperty(y => y.ResultsLocked, true));
        try
        {
            var closed = (await forms.OpenAsync(code))!;
            Assert.True(closed.Closed);
            var answer = await forms.AnswerAsync(code, closed.Questions[0].Code, closed.Questions[0].Lowest);
            Assert.Equal(OutcomeKind.Invalid, answer.Kind);
            Assert.Contains($"năm {WorkflowFixture.Year} đã kết thúc", answer.Message, StringComparison.Ordinal);
        }
        finally
        {
            await db.Years.Where(y => y.Id == yearId).ExecuteUpdateAsync(s => s.SetProperty(y => y.ResultsLocked, false));
        }
    }
}
