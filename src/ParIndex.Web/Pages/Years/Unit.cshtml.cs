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

    public IReadOnlyList<EvidenceFile> Library { get; private set; } = [];

    public string? PageError { get; private set; }

    /// <summary>The leaf whose form failed, its messages, and what was typed (kept in the form).</summary>
    public string? ErrorLeaf { get; private set; }

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
            return await Failed(leaf, [error!], ct);
        }

        var outcome = await assessments.SaveSelfAsync(User.ToActor(), YearNumber, Code, leaf, input, note, version, ct);
        if (outcome.Succeeded && evidenceId is { } id)
        {
            outcome = await assessments.LinkEvidenceAsync(User.ToActor(), YearNumber, Code, leaf, id, true, ct);
        }

        return await Done(outcome, leaf, "SavedLeaf", ct);
    }

    public async Task<IActionResult> OnPostUnlinkAsync(string leaf, int evidenceId, CancellationToken ct) =>
        await Done(await assessments.LinkEvidenceAsync(User.ToActor(), YearNumber, Code, leaf, evidenceId, false, ct), leaf, "SavedLeaf", ct);

    public async Task<IActionResult> OnPostUploadAsync(string leaf, IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            return await Failed(leaf, [Messages.Get("ChooseFile")], ct);
        }

        await using var stream = file.OpenReadStream();
        var uploaded = await evidence.UploadAsync(User.ToActor(), Code, file.FileName, stream, ct);
        if (!uploaded.Succeeded)
        {
            return await Done(uploaded, leaf, "", ct);
        }

        var linked = await assessments.LinkEvidenceAsync(User.ToActor(), YearNumber, Code, leaf, ((EvidenceFile)uploaded.Value!).Id, true, ct);
        return await Done(linked, leaf, "Uploaded", ct);
    }

    public async Task<IActionResult> OnPostPrefillAsync(CancellationToken ct) =>
        await Done(await assessments.PrefillFromPreviousYearAsync(User.ToActor(), YearNumber, Code, ct), null, "Prefilled", ct);

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct) =>
        await Done(await assessments.SubmitAsync(User.ToActor(), YearNumber, Code, ct), null, "SubmittedMessage", ct);

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
            _ => AppraisalDecision.None,
        };
        var input = Scoring.LeafInput.Missing;
        if (chosen == AppraisalDecision.Adjusted && !FormInput.TryParse(kind, na, first, second, out input, out var error))
        {
            return await Failed(leaf, [error!], ct);
        }

        return await Done(await assessments.AppraiseAsync(User.ToActor(), YearNumber, Code, leaf, chosen, input, reason, flag, version, ct),
            leaf, "SavedLeaf", ct);
    }

    public async Task<IActionResult> OnPostAmendAsync(string leaf, bool na, string? first, string? second, string? reason, CancellationToken ct)
    {
        if (await InputKindOfAsync(leaf, ct) is not { } kind)
        {
            return await LoadAsync(ct);
        }

        if (!FormInput.TryParse(kind, na, first, second, out var input, out var error))
        {
            return await Failed(leaf, [error!], ct);
        }

        return await Done(await assessments.AmendFinalAsync(User.ToActor(), YearNumber, Code, leaf, input, reason, ct), leaf, "SavedLeaf", ct);
    }

    public async Task<IActionResult> OnPostAcceptRemainingAsync(CancellationToken ct) =>
        await Done(await assessments.AcceptRemainingAsync(User.ToActor(), YearNumber, Code, ct), null, "AcceptedRemaining", ct);

    public async Task<IActionResult> OnPostCloseRoundAsync(CancellationToken ct) =>
        await Done(await assessments.CloseFirstRoundAsync(User.ToActor(), YearNumber, Code, ct), null, "RoundClosed", ct);

    public async Task<IActionResult> OnPostRespondAsync(string leaf, string? response, int version, int? evidenceId, CancellationToken ct)
    {
        var outcome = await assessments.RespondAsync(User.ToActor(), YearNumber, Code, leaf, response, version, ct);
        if (outcome.Succeeded && evidenceId is { } id)
        {
            outcome = await assessments.LinkEvidenceAsync(User.ToActor(), YearNumber, Code, leaf, id, true, ct);
        }

        return await Done(outcome, leaf, "SavedLeaf", ct);
    }

    public async Task<IActionResult> OnPostSendExplanationAsync(CancellationToken ct) =>
        await Done(await assessments.SendExplanationAsync(User.ToActor(), YearNumber, Code, ct), null, "ExplanationSent", ct);

    public async Task<IActionResult> OnPostFinaliseAsync(CancellationToken ct) =>
        await Done(await assessments.FinaliseAsync(User.ToActor(), YearNumber, Code, ct), null, "FinalisedMessage", ct);

    private int YearNumber => YearInput.TryParse(Year, out var y) ? y : 0;

    private bool Autosave => Request.Headers.ContainsKey("X-ParIndex-Autosave");

    /// <summary>The kind of input a leaf's rule takes (null when the unit or leaf is unknown: the page then says why).</summary>
    private async Task<Scoring.LeafInputKind?> InputKindOfAsync(string leaf, CancellationToken ct) =>
        await assessments.LoadAsync(User.ToActor(), YearNumber, Code, ct) is { } unit && unit.Framework.Framework.TryFind(leaf, out var node) && node.IsLeaf
            ? node.Rule!.InputKind
            : null;

    private async Task<IActionResult> Done(Outcome outcome, string? leaf, string message, CancellationToken ct)
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
            });
        }

        if (outcome.Succeeded)
        {
            TempData["Message"] = message.Length == 0 ? null : Messages.Get(message, outcome.Value);
            return Redirect($"/years/{YearNumber}/units/{Code}" + (leaf is null ? "" : $"#leaf-{leaf}"));
        }

        if (leaf is not null)
        {
            return await Failed(leaf, [.. outcome.Problems.Select(p => p.Message)], ct, outcome.Kind);
        }

        ActionProblems = outcome.Problems;
        Response.StatusCode = StatusOf(outcome.Kind);
        return await LoadAsync(ct, keepStatus: true);
    }

    private async Task<IActionResult> Failed(string leaf, IReadOnlyList<string> errors, CancellationToken ct, OutcomeKind kind = OutcomeKind.Invalid)
    {
        if (Autosave)
        {
            return await Done(Outcome.Invalid([.. errors.Select(e => new FieldProblem(leaf, e))]), leaf, "", ct);
        }

        ErrorLeaf = leaf;
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
