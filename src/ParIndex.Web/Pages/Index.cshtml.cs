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
    public int? Year { get; set; }

    public YearRanking? Ranking { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Years = await rankings.YearsWithResultsAsync(cancellationToken);
        var year = Year ?? (Years.Count > 0 ? Years[0] : null);
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
