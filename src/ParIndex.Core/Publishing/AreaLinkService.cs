using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;

namespace ParIndex.Core.Publishing;

/// <summary>An area of a framework version and the areas of an earlier version it compares with.</summary>
public sealed record AreaLinkRow(string AreaCode, string AreaName, IReadOnlyList<string> EarlierAreaCodes);

/// <summary>The area links of a framework version towards one earlier version, with what can be chosen.</summary>
public sealed record AreaLinks(int FrameworkId, int? EarlierFrameworkId, IReadOnlyList<AreaLinkRow> Areas,
    IReadOnlyList<(int Id, int Year, string Version)> EarlierFrameworks, IReadOnlyList<(string Code, string Name)> EarlierAreas)
{
    /// <summary>No links stored: areas compare by code.</summary>
    public bool ByCode => Areas.All(a => a.EarlierAreaCodes.Count == 0);
}

/// <summary>
/// Year-over-year comparison across framework versions: which earlier areas each area of a version
/// compares with. Without links areas compare by code. Links are part of what a year's results show,
/// so they are refused while the year is locked, and every change is audited.
/// </summary>
public sealed class AreaLinkService(ParIndexDbContext db, AuditLog audit)
{
    /// <summary>The links of <paramref name="frameworkId"/> towards <paramref name="earlierFrameworkId"/> (or the latest earlier version).</summary>
    public async Task<AreaLinks?> GetAsync(int frameworkId, int? earlierFrameworkId = null, CancellationToken cancellationToken = default)
    {
        var framework = await db.Frameworks.AsNoTracking().Where(f => f.Id == frameworkId)
            .Select(f => new { f.Id, Year = db.Years.Where(y => y.Id == f.AssessmentYearId).Select(y => y.Year).Single() })
            .SingleOrDefaultAsync(cancellationToken);
        if (framework is null)
        {
            return null;
        }

        var earlier = (await (from f in db.Frameworks.AsNoTracking()
                              join y in db.Years on f.AssessmentYearId equals y.Id
                              where y.Year < framework.Year
                              orderby y.Year descending, f.Version
                              select new { f.Id, y.Year, f.Version }).ToListAsync(cancellationToken))
            .Select(f => (f.Id, f.Year, f.Version)).ToList();
        var chosen = earlierFrameworkId ?? (earlier.Count > 0 ? earlier[0].Id : null);
        var links = await db.FrameworkAreaLinks.AsNoTracking().Where(l => l.FrameworkId == frameworkId && l.EarlierFrameworkId == chosen)
            .ToListAsync(cancellationToken);
        var areas = await AreasAsync(frameworkId, cancellationToken);
        var earlierAreas = chosen is { } e ? await AreasAsync(e, cancellationToken) : [];
        return new AreaLinks(frameworkId, chosen,
            [.. areas.Select(a => new AreaLinkRow(a.Code, a.Name, [.. links.Where(l => l.AreaCode == a.Code).Select(l => l.EarlierAreaCode).Order(StringComparer.Ordinal)]))],
            earlier, earlierAreas);
    }

    /// <summary>
    /// Replaces the links of <paramref name="frameworkId"/> (of <paramref name="year"/>) towards an earlier
    /// version; empty lists everywhere go back to comparing by code. Administrator only.
    /// </summary>
    public async Task<Outcome> SetAsync(Actor actor, int year, int frameworkId, int earlierFrameworkId,
        IReadOnlyDictionary<string, IReadOnlyList<string>> links, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(links);
        if (!actor.Is(Roles.Administrator))
        {
            return Outcome.Forbidden(Messages.Get("OnlyAdministratorPublishes"));
        }

        var current = await GetAsync(frameworkId, earlierFrameworkId, cancellationToken);
        var yearId = await db.Frameworks.Where(f => f.Id == frameworkId && db.Years.Any(y => y.Id == f.AssessmentYearId && y.Year == year))
            .Select(f => (int?)f.AssessmentYearId).SingleOrDefaultAsync(cancellationToken);
        if (current is null || yearId is null)
        {
            return Outcome.NotFound(Messages.Get("FrameworkNotFound", year));
        }

        if (current.EarlierFrameworks.All(f => f.Id != earlierFrameworkId))
        {
            return Outcome.Invalid("earlierFrameworkId", Messages.Get("EarlierFrameworkInvalid", earlierFrameworkId, year));
        }

        if (await ResultsLock.RefuseIfLockedAsync(db, yearId.Value, cancellationToken) is { } locked)
        {
            return locked;
        }

        var problems = new List<FieldProblem>();
        var ours = current.Areas.Select(a => a.AreaCode).ToHashSet(StringComparer.Ordinal);
        var theirs = current.EarlierAreas.Select(a => a.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var (area, earlier) in links)
        {
            if (!ours.Contains(area))
            {
                problems.Add(new FieldProblem(area, Messages.Get("AreaNotInFramework", area)));
            }

            problems.AddRange(earlier.Where(e => !theirs.Contains(e)).Select(e => new FieldProblem(area, Messages.Get("EarlierAreaUnknown", e, area))));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        await db.FrameworkAreaLinks.Where(l => l.FrameworkId == frameworkId && l.EarlierFrameworkId == earlierFrameworkId).ExecuteDeleteAsync(cancellationToken);
        foreach (var (area, earlier) in links)
        {
            db.FrameworkAreaLinks.AddRange(earlier.Distinct(StringComparer.Ordinal).Select(e => new FrameworkAreaLink
            {
                FrameworkId = frameworkId, AreaCode = area, EarlierFrameworkId = earlierFrameworkId, EarlierAreaCode = e,
            }));
        }

        static string Describe(IEnumerable<(string Area, IEnumerable<string> Earlier)> rows) =>
            string.Join("; ", rows.Where(r => r.Earlier.Any()).Select(r => $"{r.Area}←{string.Join(",", r.Earlier)}")) is { Length: > 0 } text ? text : "(theo mã)";
        audit.Record(actor, AuditSubjects.Framework, Describe(current.Areas.Select(a => (a.AreaCode, (IEnumerable<string>)a.EarlierAreaCodes))),
            Describe(links.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => (l.Key, (IEnumerable<string>)l.Value))), reason, yearId);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    private async Task<List<(string Code, string Name)>> AreasAsync(int frameworkId, CancellationToken cancellationToken) =>
        [.. (await db.FrameworkNodes.AsNoTracking().Where(n => n.FrameworkId == frameworkId && n.ParentId == null)
            .OrderBy(n => n.SortOrder).Select(n => new { n.Code, n.Name }).ToListAsync(cancellationToken)).Select(n => (n.Code, n.Name))];
}
