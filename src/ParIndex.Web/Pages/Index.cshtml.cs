using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages;

/// <summary>The home page: a year's ranking per bloc (the latest year with results unless one is asked for).</summary>
[Authorize(Policy = Policies.Public)]
public sealed class IndexModel(RankingService rankings, ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>The year asked for could not be read as a year.</summary>
    public bool InvalidYear { get; private set; }

    public YearRanking? Ranking { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>While a year is being assessed: how many of its units are final, of how many.</summary>
    public (int Final, int Total)? InProgress { get; private set; }

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
            var units = await db.YearUnits.Where(u => u.FrameworkId != null && db.Years.Any(a => a.Id == u.AssessmentYearId && a.Year == y))
                .GroupBy(_ => 1).Select(g => new { Total = g.Count(), Final = g.Count(u => u.Status == UnitStatus.Final) })
                .SingleOrDefaultAsync(cancellationToken);
            InProgress = units is { } c && c.Final < c.Total ? (c.Final, c.Total) : null;
            if (Ranking is null)
            {
                Response.StatusCode = StatusCodes.Status404NotFound;
            }
        }

        return Page();
    }
}
