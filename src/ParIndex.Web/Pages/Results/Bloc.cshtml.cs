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
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublishedPages.Policy)]
public sealed class BlocModel(ResultsReader reader, UnitAnalysisService analysis) : BlocPageModel(reader)
{
    /// <summary>Width of a histogram bar, in index points.</summary>
    public const int BinWidth = 5;

    public IReadOnlyList<AreaStats> Areas { get; private set; } = [];

    /// <summary>Histogram bars: lower bound (inclusive) and count, from the lowest occupied bar to 100.</summary>
    public IReadOnlyList<(int From, int Count)> Histogram { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!await LoadBlocAsync(ct))
        {
            return Page();
        }

        Areas = await analysis.AreaStatsAsync(Ranking!.Year, Bloc!.Code, Ranking.Publication?.Version, ct);
        Histogram = Bins(Bloc.Units.Select(u => u.Index));
        if (Ranking.Publication is not null || Ranking.FromPublishedTable)
        {
            PublishedPages.Mark(HttpContext);
        }

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
}
