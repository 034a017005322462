using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Results;

/// <summary>
/// A bloc's overview for a year: distribution of the index (histogram), class counts, the top places
/// and outstanding progress proposed for awards, and the areas where the whole bloc is weak. Same
/// reading rule as the ranking.
/// </summary>
[Authorize(Policy = Policies.Public)]
public sealed class BlocModel(ResultsReader reader, UnitAnalysisService analysis) : PageModel
{
    /// <summary>Width of a histogram bar, in index points.</summary>
    public const int BinWidth = 5;

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Draft { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    public YearRanking? Ranking { get; private set; }

    public BlocRankingView? Bloc { get; private set; }

    public IReadOnlyList<AreaStats> Areas { get; private set; } = [];

    /// <summary>Histogram bars: lower bound (inclusive) and count, from the lowest occupied bar to 100.</summary>
    public IReadOnlyList<(int From, int Count)> Histogram { get; private set; } = [];

    public bool InvalidYear { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActorOrNull();
        if (Year is not null && !YearInput.TryParse(Year, out _))
        {
            InvalidYear = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var year = Year is not null && YearInput.TryParse(Year, out var asked) ? asked : (await reader.YearsAsync(actor, ct)).FirstOrDefault();
        Year = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Ranking = await reader.RankingAsync(actor, year, Draft, Version, ct);
        Bloc = Ranking?.Blocs.FirstOrDefault(b => string.Equals(b.Code, Code, StringComparison.OrdinalIgnoreCase));
        if (Bloc is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Areas = await analysis.AreaStatsAsync(year, Bloc.Code, Ranking!.Publication?.Version, ct);
        Histogram = Bins(Bloc.Units.Select(u => u.Index));
        return Page();
    }

    /// <summary>Bars of <see cref="BinWidth"/> points: [from, from + width), the last one closed at 100.</summary>
    public static IReadOnlyList<(int From, int Count)> Bins(IEnumerable<decimal> indices)
    {
        var bins = indices.Select(i => Math.Min((int)(Math.Floor(i / BinWidth) * BinWidth), 100 - BinWidth)).ToList();
        if (bins.Count == 0)
        {
            return [];
        }

        var low = bins.Min();
        return [.. Enumerable.Range(0, ((100 - low) / BinWidth)).Select(k => low + (k * BinWidth)).Select(from => (from, bins.Count(b => b == from)))];
    }

    /// <summary>An area is weak for the whole bloc when its mean sub-index is at least the analysis margin below the bloc's mean index.</summary>
    public bool IsWeak(AreaStats area) =>
        Bloc?.AverageIndex is { } index && ParIndex.Scoring.ScoreFormat.Round(area.Average) <= index - UnitAnalysisService.Margin;

    public string SourceQuery => Ranking?.Publication is { } p ? $"version={p.Version}" : Draft ? "draft=true" : "";
}
