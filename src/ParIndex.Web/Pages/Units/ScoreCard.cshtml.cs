using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Units;

/// <summary>
/// A unit's score card (also at <c>/ket-qua/{year}/{code}</c>): index and rank, areas against the bloc
/// (chart), where points were lost, the trend over the years on record, strengths and weaknesses,
/// and the framework leaf by leaf. Same reading rule as the ranking (published, or the draft for staff).
/// </summary>
[Authorize(Policy = Policies.Public)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublishedPages.Policy)]
public sealed class ScoreCardModel(ResultsReader reader, UnitAnalysisService analysis) : Results.ResultsPageModel(reader)
{
    /// <summary>Printed layout (one to two A4 pages, no navigation): what the PDF is made from.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Print { get; set; }

    public UnitScoreCard? Card { get; private set; }

    public UnitAnalysis? Analysis { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await YearAsync(cancellationToken) is not { } year)
        {
            return Page();
        }

        var actor = User.ToActorOrNull();
        Card = await Reader.CardAsync(actor, year, Code, Draft, Version, cancellationToken);
        if (Card is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Analysis = await analysis.AnalyseAsync(actor, Card, cancellationToken);
        if (Card.Publication is not null || Card.FrameworkId is null) // a version, or results imported from a published table
        {
            PublishedPages.Mark(HttpContext);
        }

        if (Print)
        {
            ViewData["Print"] = true;
        }

        return Page();
    }

    /// <summary>The query that keeps the same source (version or draft) on links.</summary>
    public string SourceQuery => SourceOf(Card?.Publication);
}
