using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Web.Features.Exports;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Results;

/// <summary>
/// A bloc's score cards as one zip, for staff: asks for the file (made in the background), shows how
/// far it is (updated without a reload, and refreshed every few seconds without JavaScript), offers
/// the download when done, and lets the person stop it. Same reading rule as the ranking.
/// </summary>
[Authorize(Policy = Policies.Overview)]
public sealed class BlocCardsModel(ResultsReader reader, ScoreCardJobs jobs, TimeProvider clock) : BlocPageModel(reader)
{
    /// <summary>This person's latest job for these cards, if any.</summary>
    public ScoreCardJob? Job { get; private set; }

    /// <summary>The job as the API shows it (its state in words is the same on the page).</summary>
    public JobView? Status => Job is { } job ? JobView.Of(job, jobs, clock) : null;

    /// <summary>This page for the same bloc, year and source, without the handler of a post (where a post returns).</summary>
    private string Here => $"/blocs/{Uri.EscapeDataString(Bloc!.Code)}/scorecards?year={Year}" + (SourceQuery.Length > 0 ? "&" + SourceQuery : "");

    /// <summary>Why the last request was refused.</summary>
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadBlocAsync(ct))
        {
            return Page();
        }

        Job = jobs.Latest(User, Ranking!.Year, Bloc!.Code, Ranking.Publication?.Version);
        return Page();
    }

    /// <summary>Queues the cards (the same request again answers the job under way or done, unless <paramref name="again"/>).</summary>
    public async Task<IActionResult> OnPostStartAsync(bool again, CancellationToken ct)
    {
        if (!await LoadBlocAsync(ct))
        {
            return Page();
        }

        var started = jobs.Start(User, Ranking!, Bloc!, again);
        if (!started.Succeeded)
        {
            Problem = started.Message;
            Job = jobs.Latest(User, Ranking!.Year, Bloc!.Code, Ranking.Publication?.Version);
            Response.StatusCode = StatusCodes.Status409Conflict;
            return Page();
        }

        return Redirect(Here);
    }

    public async Task<IActionResult> OnPostCancelAsync(string? id, CancellationToken ct)
    {
        if (!await LoadBlocAsync(ct))
        {
            return Page();
        }

        if (jobs.Find(User, id) is { } job)
        {
            await jobs.CancelAsync(job);
        }

        return Redirect(Here);
    }
}
