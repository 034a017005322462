using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages;

/// <summary>The home page: a year's ranking per bloc (the latest year with results unless one is asked for).</summary>
[Authorize(Policy = Policies.Public)]
public sealed class IndexModel(RankingService rankings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>The year asked for could not be read as a year.</summary>
    public bool InvalidYear { get; private set; }

    public YearRanking? Ranking { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Years = await rankings.YearsWithResultsAsync(cancellationToken);
        if (Year is not null && !YearInput.TryParse(Year, out _))
        {
            InvalidYear = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        int? year = Year is not null && YearInput.TryParse(Year, out var asked) ? asked : Years.Count > 0 ? Years[0] : null;
        if (year is { } y)
        {
            Ranking = await rankings.GetAsync(y, cancellationToken);
            if (Ranking is null)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }

        return Page();
    }
}
