using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Core.Publishing;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages;

/// <summary>
/// How the results are computed (public, like the ranking): the framework of the latest year the reader
/// may see (areas, maxima, components), the formulas, not-applicable leaves, ties, changes, classes and
/// awards, publication and corrections, survey points, margins and rank intervals.
/// </summary>
[Authorize(Policy = Policies.Public)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublishedPages.Policy)]
public sealed class MethodologyModel(ResultsReader reader, ParIndexDbContext db) : PageModel
{
    /// <summary>One framework version: its areas with maxima, and the appraisal and survey points in all.</summary>
    public sealed record FrameworkSummary(string Name, IReadOnlyList<(string Code, string Name, decimal Max)> Areas, decimal Appraisal, decimal Survey);

    public int? Year { get; private set; }

    public IReadOnlyList<FrameworkSummary> Frameworks { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var actor = User.ToActorOrNull();
        Year = (await reader.YearsAsync(actor, ct)).Cast<int?>().FirstOrDefault();
        if (!ResultsReader.MayReadDraft(actor))
        {
            PublishedPages.Mark(HttpContext); // the public's years are published or imported ones: the page changes with the generation
        }

        if (Year is not { } year)
        {
            return;
        }

        var nodes = await db.FrameworkNodes.AsNoTracking()
            .Where(n => db.Frameworks.Any(f => f.Id == n.FrameworkId && db.Years.Any(y => y.Id == f.AssessmentYearId && y.Year == year)))
            .Select(n => new { n.FrameworkId, FrameworkName = db.Frameworks.Where(f => f.Id == n.FrameworkId).Select(f => f.Name).Single(), n.ParentId, n.Code, n.Name, n.MaxPoints, n.Component, n.SortOrder })
            .ToListAsync(ct);
        Frameworks = [.. nodes.GroupBy(n => (n.FrameworkId, n.FrameworkName)).OrderBy(g => g.Key.FrameworkId).Select(g => new FrameworkSummary(
            g.Key.FrameworkName,
            [.. g.Where(n => n.ParentId == null).OrderBy(n => n.SortOrder).Select(n => (n.Code, n.Name, n.MaxPoints ?? 0m))],
            g.Where(n => n.Component == ParIndex.Scoring.Component.Appraisal).Sum(n => n.MaxPoints ?? 0m),
            g.Where(n => n.Component == ParIndex.Scoring.Component.Survey).Sum(n => n.MaxPoints ?? 0m)))];
    }
}
