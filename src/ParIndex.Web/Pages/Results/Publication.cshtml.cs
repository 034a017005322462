using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Publishing;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Results;

/// <summary>
/// Publishing a year's results: the secretary proposes, an administrator publishes under a decision
/// or sends back; corrections and the award rules. Every version stays listed.
/// </summary>
[Authorize(Policy = Policies.Overview)]
public sealed class PublicationModel(PublicationService publications) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    public YearPublicationState? State { get; private set; }

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    /// <summary>The action that waits for confirmation ("Propose", "Publish"; the page without JavaScript asks again).</summary>
    public string? PendingConfirmation { get; private set; }

    /// <summary>A refused form shows what was typed: its handler.</summary>
    public string? FailedForm { get; private set; }

    public bool IsSecretary => User.IsInRole(Roles.Secretary);

    public bool IsAdministrator => User.IsInRole(Roles.Administrator);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostProposeAsync(string? note, bool confirmed, CancellationToken ct) =>
        !confirmed ? AskAsync("Propose", ct)
        : RunAsync(IsSecretary, () => publications.ProposeAsync(User.ToActor(), YearNumber, note, ct), "Propose", "PublicationProposedMessage", ct);

    public Task<IActionResult> OnPostPublishAsync(string? decisionNumber, string? decisionDate, bool confirmed, CancellationToken ct) =>
        !confirmed ? AskAsync("Publish", ct)
        : RunAsync(IsAdministrator, () => publications.PublishAsync(User.ToActor(), YearNumber, decisionNumber, decisionDate, ct), "Publish",
            "PublicationPublishedMessage", ct);

    public Task<IActionResult> OnPostRejectAsync(string? reason, CancellationToken ct) =>
        RunAsync(IsAdministrator, () => publications.RejectAsync(User.ToActor(), YearNumber, reason, ct), "Reject", "PublicationRejectedMessage", ct);

    public Task<IActionResult> OnPostCorrectAsync(string? reason, CancellationToken ct) =>
        RunAsync(IsAdministrator, () => publications.OpenCorrectionAsync(User.ToActor(), YearNumber, reason, ct), "Correct", "CorrectionOpenedMessage", ct);

    public Task<IActionResult> OnPostAwardsAsync(string? top, string? rankGain, string? indexGain, CancellationToken ct) =>
        RunAsync(IsAdministrator, () => publications.SetAwardsAsync(User.ToActor(), YearNumber, top, rankGain, indexGain, ct), "Awards", "AwardsSavedMessage", ct);

    private async Task<IActionResult> AskAsync(string handler, CancellationToken ct)
    {
        PendingConfirmation = handler;
        return await LoadAsync(ct);
    }

    private int YearNumber => YearInput.TryParse(Year, out var y) ? y : 0;

    private async Task<IActionResult> RunAsync(bool allowed, Func<Task<Outcome>> action, string form, string done, CancellationToken ct)
    {
        if (!allowed)
        {
            return Forbid();
        }

        var outcome = await action();
        if (outcome.Succeeded)
        {
            TempData["Message"] = Messages.Get(done, YearNumber, outcome.Value);
            return Redirect($"/years/{YearNumber}/publication");
        }

        Problems = outcome.Problems;
        FailedForm = form;
        await LoadAsync(ct);
        Response.StatusCode = outcome.Kind switch
        {
            OutcomeKind.Conflict => StatusCodes.Status409Conflict,
            OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
            OutcomeKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        return Page();
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        State = YearInput.TryParse(Year, out var year) ? await publications.StateAsync(year, ct) : null;
        if (State is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
