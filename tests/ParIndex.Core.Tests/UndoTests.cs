using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Core.Evidence;
using ParIndex.Scoring;

namespace ParIndex.Core.Tests;

/// <summary>
/// Every step can be undone by the right person until the moment it stands: the secretary returns a
/// submitted self-assessment (until round 1 closes), reopens round 1 (until the explanation phase
/// closes) and takes back a finalisation (until the results are proposed); each with a reason, audited
/// and notified. Requesting an explanation is a decision of its own, which "accept the rest" never touches.
/// </summary>
public sealed class UndoTests(WorkflowFixture app) : IClassFixture<WorkflowFixture>
{
    private const int Year = WorkflowFixture.Year;
    private const string Unit = "SO04";

    private AssessmentService Service => app.Get<AssessmentService>();

    [Fact]
    public async Task ReturnReopenUnfinalise_BySecretaryWithAReason_AuditedAndNotified_RefusedOnceTheirMomentHasPassed()
    {
        var (reporter, head) = await app.UnitStaffAsync(Unit);
        var appraiser = await app.ActorAsync("thamdinh");
        var secretary = await app.ActorAsync("thuky");
        var administrator = await app.ActorAsync("quantri");
        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(1);
        Assert.True((await Service.PrefillFromPreviousYearAsync(reporter, Year, Unit)).Succeeded);
        await AttachEvidenceAsync(reporter, head);
        Assert.True((await Service.SubmitAsync(head, Year, Unit)).Succeeded);

        // Return: only the secretary, only with a reason; during self-assessment no new deadline is needed.
        Assert.Equal(OutcomeKind.Forbidden, (await Service.ReturnToUnitAsync(appraiser, Year, Unit, "x", null)).Kind);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.ReturnToUnitAsync(administrator, Year, Unit, "x", null)).Kind);
        var noReason = await Service.ReturnToUnitAsync(secretary, Year, Unit, "  ", null);
        Assert.Equal(OutcomeKind.Invalid, noReason.Kind);
        Assert.Equal(["reason"], noReason.Problems.Select(p => p.Field));
        Assert.Equal(UnitStatus.Submitted, await StatusAsync());
        var tooLong = await Service.ReturnToUnitAsync(secretary, Year, Unit, new string('x', AssessmentService.MaximumUndoReasonLength + 1), null);
        Assert.Equal(["reason"], tooLong.Problems.Select(p => p.Field)); // bounded: it goes into the trail and every notification
        Assert.Equal(UnitStatus.Submitted, await StatusAsync());
        Assert.True((await Service.ReturnToUnitAsync(secretary, Year, Unit, "Thiếu thuyết minh tiêu chí 1.1.2", null)).Succeeded);
        Assert.Equal(UnitStatus.Drafting, await StatusAsync());
        Assert.True((await Service.SaveSelfAsync(reporter, Year, Unit, "1.1.3", LeafInput.YesNo(true), "Đã bổ sung", await VersionAsync("1.1.3"))).Succeeded);
        Assert.True(await app.Db().Notifications.AnyAsync(n => n.UserId == reporter.UserId && n.Message.Contains("Thiếu thuyết minh tiêu chí 1.1.2")));
        Assert.True((await Service.SubmitAsync(head, Year, Unit)).Succeeded);

        // Round 1: asking to explain stands alone (no accept/adjust); "accept the rest" leaves it alone.
        app.Clock.Now = WorkflowFixture.FirstRoundOpens.AddDays(1);
        var flagOnly = await Service.AppraiseAsync(appraiser, Year, Unit, "1.3.1", AppraisalDecision.None, default, "Cung cấp kế hoạch kiểm tra đã ký", true,
            await VersionAsync("1.3.1"));
        Assert.True(flagOnly.Succeeded, flagOnly.Message);
        var noDecision = await Service.AppraiseAsync(appraiser, Year, Unit, "1.3.2", AppraisalDecision.None, default, "x", false, await VersionAsync("1.3.2"));
        Assert.Equal(OutcomeKind.Invalid, noDecision.Kind);
        Assert.True((await Service.AppraiseAsync(appraiser, Year, Unit, "1.1.3", AppraisalDecision.Adjusted, LeafInput.YesNo(false), "Chưa có kinh phí riêng",
            false, await VersionAsync("1.1.3"))).Succeeded);
        var accepted = await Service.AcceptRemainingAsync(appraiser, Year, Unit);
        Assert.True(accepted.Succeeded, accepted.Message);
        var flagged = await LeafAsync("1.3.1");
        Assert.Equal(AppraisalDecision.None, flagged.FirstDecision);
        Assert.True(flagged.Flagged);
        Assert.True(flagged.NeedsExplanation);

        // Returned after round 1 started: the self-assessment phase has closed, so a new deadline is required;
        // the round-1 decisions are withdrawn (each audited) and the unit may edit until then.
        var noDeadline = await Service.ReturnToUnitAsync(secretary, Year, Unit, "Sai số liệu tiêu chí 1.1.2", null);
        Assert.Equal(["until"], noDeadline.Problems.Select(p => p.Field));
        var returned = await Service.ReturnToUnitAsync(secretary, Year, Unit, "Sai số liệu tiêu chí 1.1.2", app.Clock.Now.AddDays(3));
        Assert.True(returned.Succeeded, returned.Message);
        Assert.Equal(accepted.Value is int n ? n + 2 : -1, (int)returned.Value!);
        Assert.Equal(UnitStatus.Drafting, await StatusAsync());
        Assert.Equal(AppraisalDecision.None, (await LeafAsync("1.1.3")).FirstDecision);
        Assert.False((await LeafAsync("1.3.1")).Flagged);
        Assert.True((await Service.SaveSelfAsync(reporter, Year, Unit, "1.1.2", LeafInput.Rate(290m, 298m), null, await VersionAsync("1.1.2"))).Succeeded);
        Assert.True((await Service.SubmitAsync(head, Year, Unit)).Succeeded);
        Assert.True((await Service.AppraiseAsync(appraiser, Year, Unit, "1.3.1", AppraisalDecision.None, default, "Cung cấp kế hoạch kiểm tra đã ký", true,
            await VersionAsync("1.3.1"))).Succeeded);
        Assert.True((await Service.AcceptRemainingAsync(appraiser, Year, Unit)).Succeeded);
        Assert.True((await Service.CloseFirstRoundAsync(appraiser, Year, Unit)).Succeeded);
        Assert.Equal(UnitStatus.Explaining, await StatusAsync());
        Assert.Equal(OutcomeKind.Conflict, (await Service.ReturnToUnitAsync(secretary, Year, Unit, "quá muộn", app.Clock.Now.AddDays(3))).Kind);

        // Reopen round 1 (explanation phase still open): the council decides again, then closes again.
        app.Clock.Now = WorkflowFixture.ExplanationOpens.AddDays(1);
        Assert.Equal(OutcomeKind.Forbidden, (await Service.ReopenFirstRoundAsync(appraiser, Year, Unit, "x")).Kind);
        Assert.Equal(OutcomeKind.Invalid, (await Service.ReopenFirstRoundAsync(secretary, Year, Unit, "")).Kind);
        Assert.True((await Service.ReopenFirstRoundAsync(secretary, Year, Unit, "Xem lại tiêu chí 1.1.3")).Succeeded);
        Assert.Equal(UnitStatus.InAppraisal, await StatusAsync());
        Assert.True((await Service.AppraiseAsync(appraiser, Year, Unit, "1.1.3", AppraisalDecision.Adjusted, LeafInput.YesNo(false), "Chưa có kinh phí riêng",
            false, await VersionAsync("1.1.3"))).Succeeded);
        Assert.True((await Service.CloseFirstRoundAsync(appraiser, Year, Unit)).Succeeded);
        Assert.True((await Service.RespondAsync(reporter, Year, Unit, "1.3.1", "Kế hoạch số 5/KH-SNV đã ký, gửi kèm", await VersionAsync("1.3.1"))).Succeeded);
        Assert.True((await Service.RespondAsync(reporter, Year, Unit, "1.1.3", "Kinh phí nằm trong dự toán chung", await VersionAsync("1.1.3"))).Succeeded);
        Assert.True((await Service.SendExplanationAsync(head, Year, Unit)).Succeeded);

        // Round 2: accepting the explanation restores the self-score; keeping round 1 keeps the adjustment.
        app.Clock.Now = WorkflowFixture.SecondRoundOpens.AddDays(1);
        Assert.Equal(OutcomeKind.Conflict, (await Service.ReopenFirstRoundAsync(secretary, Year, Unit, "quá muộn")).Kind);
        Assert.Equal(OutcomeKind.Invalid, (await Service.AppraiseAsync(appraiser, Year, Unit, "1.3.1", AppraisalDecision.None, default, "x", true,
            await VersionAsync("1.3.1"))).Kind);
        Assert.True((await Service.AppraiseAsync(appraiser, Year, Unit, "1.3.1", AppraisalDecision.ExplanationAccepted, default, null, false,
            await VersionAsync("1.3.1"))).Succeeded);
        Assert.True((await Service.AppraiseAsync(appraiser, Year, Unit, "1.1.3", AppraisalDecision.Accepted, default, "Giữ điều chỉnh", false,
            await VersionAsync("1.1.3"))).Succeeded);
        var explained = await LeafAsync("1.3.1");
        Assert.Equal(explained.SelfInput, explained.FinalInput);
        Assert.Equal(LeafInput.YesNo(false), (await LeafAsync("1.1.3")).FinalInput);

        // Finalise, take it back (the result leaves the ranking), finalise again; refused once the results are locked.
        app.Clock.Now = WorkflowFixture.FinalisationOpens.AddDays(1);
        Assert.True((await Service.FinaliseAsync(secretary, Year, Unit)).Succeeded);
        Assert.True(await HasResultAsync());
        Assert.Equal(OutcomeKind.Forbidden, (await Service.UnfinaliseAsync(appraiser, Year, Unit, "x")).Kind);
        Assert.Equal(OutcomeKind.Invalid, (await Service.UnfinaliseAsync(secretary, Year, Unit, " ")).Kind);
        Assert.True((await Service.UnfinaliseAsync(secretary, Year, Unit, "Kiểm tra lại tiêu chí 1.3.1")).Succeeded);
        Assert.Equal(UnitStatus.InAppraisal, await StatusAsync());
        Assert.False(await HasResultAsync());
        Assert.Equal(OutcomeKind.Conflict, (await Service.UnfinaliseAsync(secretary, Year, Unit, "lại")).Kind); // not final any more
        Assert.True((await Service.AppraiseAsync(appraiser, Year, Unit, "1.3.1", AppraisalDecision.Accepted, default, "Giữ vòng 1", false,
            await VersionAsync("1.3.1"))).Succeeded); // round 2 can still be changed until the unit is final again
        Assert.True((await Service.FinaliseAsync(secretary, Year, Unit)).Succeeded);
        Assert.True(await HasResultAsync());
        await SetLockedAsync(true);
        Assert.Equal(OutcomeKind.Conflict, (await Service.UnfinaliseAsync(secretary, Year, Unit, "sau đề nghị công bố")).Kind);
        await SetLockedAsync(false);

        // Each undo is in the trail with its reason; unit and council were told.
        var db = app.Db();
        var unitId = await db.Units.Where(u => u.Code == Unit).Select(u => u.Id).SingleAsync();
        var undone = await db.AuditEntries.Where(a => a.UnitId == unitId && a.Subject == AuditSubjects.Status && a.UserName == "thuky")
            .OrderBy(a => a.Id).Select(a => new { a.OldValue, a.NewValue, a.Reason }).ToListAsync();
        Assert.Contains(undone, a => a is { OldValue: "Submitted", NewValue: "Drafting", Reason: "Thiếu thuyết minh tiêu chí 1.1.2" });
        Assert.Contains(undone, a => a is { OldValue: "InAppraisal", NewValue: "Drafting", Reason: "Sai số liệu tiêu chí 1.1.2" });
        Assert.Contains(undone, a => a is { OldValue: "Explaining", NewValue: "InAppraisal", Reason: "Xem lại tiêu chí 1.1.3" });
        Assert.Contains(undone, a => a is { OldValue: "Final", NewValue: "InAppraisal", Reason: "Kiểm tra lại tiêu chí 1.3.1" });
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UnitId == unitId && a.Subject == AuditSubjects.FirstRound && a.NewValue == null
            && a.OldValue == "adjusted to no" && a.Reason!.Contains("Sai số liệu tiêu chí 1.1.2")));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.UnitId == unitId && a.Subject == AuditSubjects.Deadline && a.Reason == "Sai số liệu tiêu chí 1.1.2"));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == head.UserId && n.Message.Contains("mở lại thẩm định vòng 1")));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == head.UserId && n.Message.Contains("huỷ chốt")));
        Assert.True(await db.Notifications.AnyAsync(n => n.UserId == appraiser.UserId && n.Message.Contains("đã được trả lại cho đơn vị")));
    }

    private async Task AttachEvidenceAsync(Actor reporter, Actor head)
    {
        var problems = (await Service.SubmitAsync(head, Year, Unit)).Problems.Select(p => p.Field).ToList();
        var upload = await app.Get<EvidenceService>().UploadAsync(reporter, Unit, "ke-hoach.pdf",
            new MemoryStream("%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"u8.ToArray()));
        Assert.True(upload.Succeeded, upload.Message);
        foreach (var leaf in problems)
        {
            Assert.True((await Service.LinkEvidenceAsync(reporter, Year, Unit, leaf, ((EvidenceFile)upload.Value!).Id, true)).Succeeded);
        }
    }

    private async Task<LeafEntry> LeafAsync(string code) => await TryLeafAsync(code) ?? throw new InvalidOperationException($"No entry for {code}.");

    private async Task<int> VersionAsync(string code) => (await TryLeafAsync(code))?.Version ?? 0;

    private async Task<LeafEntry?> TryLeafAsync(string code)
    {
        var db = app.Db();
        return await (from e in db.LeafEntries
                      join n in db.FrameworkNodes on e.NodeId equals n.Id
                      join u in db.Units on e.UnitId equals u.Id
                      join y in db.Years on e.AssessmentYearId equals y.Id
                      where n.Code == code && u.Code == Unit && y.Year == Year
                      select e).SingleOrDefaultAsync();
    }

    private async Task<UnitStatus> StatusAsync()
    {
        var db = app.Db();
        return await db.YearUnits.Where(y => y.Unit!.Code == Unit && db.Years.Any(a => a.Id == y.AssessmentYearId && a.Year == Year))
            .Select(y => y.Status).SingleAsync();
    }

    private async Task<bool> HasResultAsync()
    {
        var db = app.Db();
        return await db.UnitResults.AnyAsync(r => db.Units.Any(u => u.Id == r.UnitId && u.Code == Unit)
            && db.Years.Any(y => y.Id == r.AssessmentYearId && y.Year == Year));
    }

    private async Task SetLockedAsync(bool locked)
    {
        var db = app.Db();
        await db.Years.Where(y => y.Year == Year).ExecuteUpdateAsync(s => s.SetProperty(y => y.ResultsLocked, locked));
    }
}
