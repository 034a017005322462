using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Units;

/// <summary>A unit's score card: its framework leaf by leaf, with sub-indices and not-applicable leaves.</summary>
[Authorize(Policy = Policies.Public)]
public sealed class ScoreCardModel(UnitScoreCardService cards, RankingService rankings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>The year asked for could not be read as a year.</summary>
    public bool InvalidYear { get; private set; }

    public UnitScoreCard? Card { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Year is not null && !YearInput.TryParse(Year, out _))
        {
            InvalidYear = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var year = Year is not null && YearInput.TryParse(Year, out var asked)
            ? asked
            : (await rankings.YearsWithResultsAsync(cancellationToken)).FirstOrDefault();
        Card = await cards.GetAsync(year, Code, cancellationToken);
        Year = year.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (Card is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
