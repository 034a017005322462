using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Results;

/// <summary>
/// What the pages about one bloc of a year share: the bloc, year and source (a published version or
/// the draft) from the address, read under the ranking's reading rule; a bad year is a 400, a bloc
/// that is not in the year a 404. One loader for the bloc overview and the bloc's score cards.
/// </summary>
public abstract class BlocPageModel(ResultsReader reader) : PageModel
{
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

    /// <summary>The year asked for could not be read as a year.</summary>
    public bool InvalidYear { get; private set; }

    /// <summary>The query that keeps the same source (version or draft) on links.</summary>
    public string SourceQuery => Ranking?.Publication is { } p ? $"version={p.Version}" : Draft ? "draft=true" : "";

    /// <summary>Reads the year's ranking and the bloc (the latest readable year when none is asked); false with the status set when there is none.</summary>
    protected async Task<bool> LoadBlocAsync(CancellationToken ct)
    {
        if (Year is not null && !YearInput.TryParse(Year, out _))
        {
            InvalidYear = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return false;
        }

        var actor = User.ToActorOrNull();
        var year = Year is not null && YearInput.TryParse(Year, out var asked) ? asked : (await reader.YearsAsync(actor, ct)).FirstOrDefault();
        Year = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Ranking = await reader.RankingAsync(actor, year, Draft, Version, ct);
        Bloc = Ranking?.Blocs.FirstOrDefault(b => string.Equals(b.Code, Code, StringComparison.OrdinalIgnoreCase));
        if (Bloc is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        return true;
    }
}
