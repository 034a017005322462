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
public sealed class ScoreCardModel(ResultsReader reader, UnitAnalysisService analysis) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Draft { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    /// <summary>Printed layout (one to two A4 pages, no navigation): what the PDF is made from.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Print { get; set; }

    /// <summary>The year asked for could not be read as a year.</summary>
    public bool InvalidYear { get; private set; }

    public UnitScoreCard? Card { get; private set; }

    public UnitAnalysis? Analysis { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Year is not null && !YearInput.TryParse(Year, out _))
        {
            InvalidYear = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var actor = User.ToActorOrNull();
        var year = Year is not null && YearInput.TryParse(Year, out var asked)
            ? asked
            : (await reader.YearsAsync(actor, cancellationToken)).FirstOrDefault();
        Year = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Card = await reader.CardAsync(actor, year, Code, Draft, Version, cancellationToken);
        if (Card is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Analysis = await analysis.AnalyseAsync(actor, Card, cancellationToken);
        if (Print)
        {
            ViewData["Print"] = true;
        }

        return Page();
    }

    /// <summary>The query that keeps the same source (version or draft) on links.</summary>
    public string SourceQuery => Card?.Publication is { } p ? $"version={p.Version}" : Draft ? "draft=true" : "";
}
