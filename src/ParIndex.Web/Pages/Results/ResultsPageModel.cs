using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Publishing;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Results;

/// <summary>
/// What the pages about one unit or bloc of a year's results share: the code, the year and the
/// source (a published version or the draft) from the address. A year that is not a year is a 400;
/// no year means the latest the reader may open. One loader for the score card and the bloc pages.
/// </summary>
public abstract class ResultsPageModel(ResultsReader reader) : PageModel
{
    /// <summary>Reads results under the ranking's reading rule.</summary>
    protected ResultsReader Reader { get; } = reader;

    /// <summary>The unit's or the bloc's code.</summary>
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Draft { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    /// <summary>The year asked for could not be read as a year.</summary>
    public bool InvalidYear { get; private set; }

    /// <summary>The year asked for, or the latest readable; null (status 400 set) when it is not a year.</summary>
    protected async Task<int?> YearAsync(CancellationToken ct)
    {
        if (Year is not null && !YearInput.TryParse(Year, out _))
        {
            InvalidYear = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return null;
        }

        var year = Year is not null && YearInput.TryParse(Year, out var asked) ? asked : (await Reader.YearsAsync(User.ToActorOrNull(), ct)).FirstOrDefault();
        Year = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return year;
    }

    /// <summary>The query that keeps the same source (version or draft) on links.</summary>
    protected string SourceOf(PublicationInfo? publication) => publication is { } p ? $"version={p.Version}" : Draft ? "draft=true" : "";
}
