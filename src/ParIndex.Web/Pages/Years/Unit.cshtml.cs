using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Assessments;
using ParIndex.Core.Evidence;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Years;

/// <summary>
/// One unit's assessment in one year: the score-entry grid (self-assessment), appraisal, explanation
/// and finalisation on one page; what each person sees and may do comes from the service.
/// Forms post back (and, with JavaScript, the self-assessment saves itself as the user types).
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class UnitModel(AssessmentService assessments, EvidenceService evidence) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public UnitSheet? Sheet { get; private set; }

    /// <summary>Show only the leaves that wait for the viewer now (<c>?needs=true</c>; works without JavaScript).</summary>
    [BindProperty(SupportsGet = true, Name = "needs")]
    public bool OnlyNeeds { get; set; }

    public IReadOnlyList<EvidenceFile> Library { get; private set; } = [];

    public string? PageError { get; private set; }

    /// <summary>The leaf whose form failed, its messages, and what was typed (kept in the form).</summary>
    public string? ErrorLeaf { get; private set; }

    /// <summary>
    /// Which of the leaf's forms failed ("self", "appraise", "respond", "upload", "amend"): only that
    /// form shows what was posted; every other field shows what is stored.
    /// </summary>
    public string? ErrorForm { get; private set; }

    /// <summary>A unit-level action that waits for the person's confirmation (the page without JavaScript asks again).</summary>
    public string? PendingConfirmation { get; private set; }

    public IReadOnlyList<string> Errors { get; private set; } = [];

    public IReadOnlyList<FieldProblem> ActionProblems { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSelfAsync(string leaf, bool na, string? first, string? second, string? note, int version,
        int? evidenceId, CancellationToken ct)
    {
        if (await InputKindOfAsync(leaf, ct) is not { } kind)
        {
            return await LoadAsync(ct);
        }

        if (!FormInput.TryParse(kind, na, first, second, out var input, out var error))
        {
            return await Failed(leaf, "self", [error!], ct);
        }

        var outcome = await assessments.SaveSelfAsync(User.ToActor(), YearNumber, Code, leaf, input, note, version, ct);
        if (outcome.Succeeded && evidenceId is { } id)
        {
            outcome = await assessments.LinkEvidenceAsync(User.ToActor(), YearNumber, Code, leaf, id, true, ct);
        }

        return await Done(outcome, leaf, "self", "SavedLeaf", ct);
    }

    public async Task<IActionResult> OnPostUnlinkAsync(string leaf, int evidenceId, CancellationToken ct) =>
        await Done(await assessments.LinkEvidenceAsync(User.ToActor(), YearNumber, Code, leaf, evidenceId, false, ct), leaf, "unlink", "SavedLeaf", ct);

    public async Task<IActionResult> OnPostUploadAsync(string leaf, IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            return await Failed(leaf, "upload", [Messages.Get("ChooseFile")], ct);
        }

        await using var stream = file.OpenReadStream();
        var uploaded = await evidence.UploadAsync(User.ToActor(), Code, file.FileName, stream, ct);
        if (!uploaded.Succeeded)
        {
            return await Done(uploaded, leaf, "upload", "", ct);
        }

        var linked = await assessments.LinkEvidenceAsync(User.ToActor(), YearNumber, Code, leaf, ((EvidenceFile)uploaded.Value!).Id, true, ct);
        return await Done(linked, leaf, "upload", "Uploaded", ct);
    }

    public async Task<IActionResult> OnPostPrefillAsync(CancellationToken ct) =>
        await Done(await assessments.PrefillFromPreviousYearAsync(User.ToActor(), YearNumber, Code, ct), null, null, "Prefilled", ct);

    public async Task<IActionResult> OnPostSubmitAsync(bool confirmed, CancellationToken ct) =>
        !confirmed ? await AskAsync("Submit", ct)
        : await Done(await assessments.SubmitAsync(User.ToActor(), YearNumber, Code, ct), null, null, "SubmittedMessage", ct);

    public async Task<IActionResult> OnPostAppraiseAsync(string leaf, string? decision, bool na, string? first, string? second, string? reason,
        bool flag, int version, CancellationToken ct)
    {
        if (await InputKindOfAsync(leaf, ct) is not { } kind)
        {
            return await LoadAsync(ct);
        }

        var chosen = decision switch
        {
            "accepted" => AppraisalDecision.Accepted,
            "adjusted" => AppraisalDecision.Adjusted,
            "explanationAccepted" => AppraisalDecision.ExplanationAccepted,
            _ => AppraisalDecision.None,
        };
        var input = Scoring.LeafInput.Missing;
        if (chosen == AppraisalDecision.Adjusted && !FormInput.TryParse(kind, na, first, second, out input, out var error))
        {
            return await Failed(leaf, "appraise", [error!], ct);
        }

        return await Done(await assessments.AppraiseAsync(User.ToActor(), YearNumber, Code, leaf, chosen, input, reason, flag, version, ct),
            leaf, "appraise", "SavedLeaf", ct);
    }

    public async Task<IActionResult> OnPostAmendAsync(string leaf, bool na, string? first, string? second, string? reason, CancellationToken ct)
    {
        if (await InputKindOfAsync(leaf, ct) is not { } kind)
        {
            return await LoadAsync(ct);
        }

        if (!FormInput.TryParse(kind, na, first, second, out var input, out var error))
        {
            return await Failed(leaf, "amend", [error!], ct);
        }

        return await Done(await assessments.AmendFinalAsync(User.ToActor(), YearNumber, Code, leaf, input, reason, ct), leaf, "amend", "SavedLeaf", ct);
    }

    public async Task<IActionResult> OnPostAcceptRemainingAsync(bool confirmed, CancellationToken ct) =>
        !confirmed ? await AskAsync("AcceptRemaining", ct)
        : await Done(await assessments.AcceptRemainingAsync(User.ToActor(), YearNumber, Code, ct), null, null, "AcceptedRemaining", ct);

    public async Task<IActionResult> OnPostCloseRoundAsync(bool confirmed, CancellationToken ct) =>
        !confirmed ? await AskAsync("CloseRound", ct)
        : await Done(await assessments.CloseFirstRoundAsync(User.ToActor(), YearNumber, Code, ct), null, null, "RoundClosed", ct);

    public async Task<IActionResult> OnPostRespondAsync(string leaf, string? response, int version, int? evidenceId, CancellationToken ct)
    {
        var outcome = await assessments.RespondAsync(User.ToActor(), YearNumber, Code, leaf, response, version, ct);
        if (outcome.Succeeded && evidenceId is { } id)
        {
            outcome = await assessments.LinkEvidenceAsync(User.ToActor(), YearNumber, Code, leaf, id, true, ct);
        }

        return await Done(outcome, leaf, "respond", "SavedLeaf", ct);
    }

    public async Task<IActionResult> OnPostSendExplanationAsync(bool confirmed, CancellationToken ct) =>
        !confirmed ? await AskAsync("SendExplanation", ct)
        : await Done(await assessments.SendExplanationAsync(User.ToActor(), YearNumber, Code, ct), null, null, "ExplanationSent", ct);

    public async Task<IActionResult> OnPostFinaliseAsync(bool confirmed, CancellationToken ct) =>
        !confirmed ? await AskAsync("Finalise", ct)
        : await Done(await assessments.FinaliseAsync(User.ToActor(), YearNumber, Code, ct), null, null, "FinalisedMessage", ct);

    /// <summary>The secretary returns the submitted self-assessment to the unit (reason; a new deadline once the phase has closed).</summary>
    public async Task<IActionResult> OnPostReturnAsync(string? reason, string? until, bool confirmed, CancellationToken ct)
    {
        DateTimeOffset? deadline = null;
        if (!string.IsNullOrWhiteSpace(until))
        {
            if (VietnamTime.Parse(until) is not { } parsed)
            {
                return await Refused(Outcome.Invalid("until", Messages.Get("NotADate", until)), ct);
            }

            deadline = parsed;
        }

        return !confirmed ? await AskAsync("Return", ct)
            : await Done(await assessments.ReturnToUnitAsync(User.ToActor(), YearNumber, Code, reason, deadline, ct), null, null, "ReturnedMessage", ct);
    }

    public async Task<IActionResult> OnPostReopenRoundAsync(string? reason, bool confirmed, CancellationToken ct) =>
        !confirmed ? await AskAsync("ReopenRound", ct)
        : await Done(await assessments.ReopenFirstRoundAsync(User.ToActor(), YearNumber, Code, reason, ct), null, null, "ReopenedMessage", ct);

    public async Task<IActionResult> OnPostUnfinaliseAsync(string? reason, bool confirmed, CancellationToken ct) =>
        !confirmed ? await AskAsync("Unfinalise", ct)
        : await Done(await assessments.UnfinaliseAsync(User.ToActor(), YearNumber, Code, reason, ct), null, null, "UnfinalisedMessage", ct);

    private int YearNumber => YearInput.TryParse(Year, out var y) ? y : 0;

    private bool Autosave => Request.Headers.ContainsKey("X-ParIndex-Autosave");

    /// <summary>The kind of input a leaf's rule takes (null when the unit or leaf is unknown: the page then says why).</summary>
    private async Task<Scoring.LeafInputKind?> InputKindOfAsync(string leaf, CancellationToken ct) =>
        await assessments.LoadAsync(User.ToActor(), YearNumber, Code, ct) is { } unit && unit.Framework.Framework.TryFind(leaf, out var node) && node.IsLeaf
            ? node.Rule!.InputKind
            : null;

    /// <summary>Shows the page again with the action's consequence and a button that confirms it (the path without JavaScript).</summary>
    private async Task<IActionResult> AskAsync(string handler, CancellationToken ct)
    {
        PendingConfirmation = handler;
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> Done(Outcome outcome, string? leaf, string? form, string message, CancellationToken ct)
    {
        if (Autosave)
        {
            var sheet = (await assessments.SheetAsync(User.ToActor(), YearNumber, Code, ct)).Value as UnitSheet;
            var line = sheet?.Areas.SelectMany(a => a.Leaves).FirstOrDefault(l => l.Code == leaf);
            Response.StatusCode = outcome.Kind switch
            {
                OutcomeKind.Ok => StatusCodes.Status200OK,
                OutcomeKind.Conflict => StatusCodes.Status409Conflict,
                OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
                OutcomeKind.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status400BadRequest,
            };
            return new JsonResult(new
            {
                ok = outcome.Succeeded,
                message = outcome.Succeeded ? null : outcome.Message,
                version = line?.Version,
                points = line?.Self.Points is { } p ? Display.Score(p) : "–",
                progress = sheet?.Progress is { } g
                    ? new { g.Done, g.Total, points = Display.Score(g.Points), maximum = Display.Score(g.Maximum), index = Display.Score(g.Index) }
                    : null,
                todo = sheet?.SubmitProblems.Select(p => new { field = p.Field, message = p.Message }),
                remaining = sheet?.NeedsViewer.Count,
            });
        }

        if (outcome.Succeeded)
        {
            TempData["Message"] = message.Length == 0 ? null : Messages.Get(message, outcome.Value);
            return Redirect($"/years/{YearNumber}/units/{Code}" + (leaf is null ? "" : $"#leaf-{leaf}"));
        }

        if (leaf is not null)
        {
            return await Failed(leaf, form!, [.. outcome.Problems.Select(p => p.Message)], ct, outcome.Kind);
        }

        return await Refused(outcome, ct);
    }

    /// <summary>A unit-level action was refused: its problems are listed at the top, each leaf named linking to its row.</summary>
    private async Task<IActionResult> Refused(Outcome outcome, CancellationToken ct)
    {
        ActionProblems = outcome.Problems.Count > 0 ? outcome.Problems : [new FieldProblem("", outcome.Message)];
        Response.StatusCode = StatusOf(outcome.Kind);
        return await LoadAsync(ct, keepStatus: true);
    }

    private async Task<IActionResult> Failed(string leaf, string form, IReadOnlyList<string> errors, CancellationToken ct, OutcomeKind kind = OutcomeKind.Invalid)
    {
        if (Autosave)
        {
            return await Done(Outcome.Invalid([.. errors.Select(e => new FieldProblem(leaf, e))]), leaf, form, "", ct);
        }

        ErrorLeaf = leaf;
        ErrorForm = form;
        Errors = errors;
        Response.StatusCode = StatusOf(kind);
        return await LoadAsync(ct, keepStatus: true);
    }

    private static int StatusOf(OutcomeKind kind) => kind switch
    {
        OutcomeKind.Conflict => StatusCodes.Status409Conflict,
        OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
        OutcomeKind.NotFound => StatusCodes.Status404NotFound,
        _ => StatusCodes.Status400BadRequest,
    };

    private async Task<IActionResult> LoadAsync(CancellationToken ct, bool keepStatus = false)
    {
        if (!YearInput.TryParse(Year, out var year))
        {
            PageError = string.Format(System.Globalization.CultureInfo.CurrentCulture, "{0}", YearInput.Problem(Year).ProblemDetails.Detail);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await assessments.SheetAsync(User.ToActor(), year, Code, ct);
        if (!outcome.Succeeded)
        {
            PageError = outcome.Message;
            Response.StatusCode = StatusOf(outcome.Kind);
            return Page();
        }

        Sheet = (UnitSheet)outcome.Value!;
        if (Sheet.Actions.EditSelf || Sheet.Actions.Respond)
        {
            Library = await evidence.ListAsync(Sheet.UnitId, ct);
        }

        if (!keepStatus)
        {
            Response.StatusCode = StatusCodes.Status200OK;
        }

        return Page();
    }
}
