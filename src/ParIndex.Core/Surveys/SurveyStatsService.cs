using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Surveys;

/// <summary>A unit's survey figures beside its rank: submitted responses, the widest group margin of error (95%, p = 0,5) and its bootstrap interval.</summary>
public sealed record UnitSurveyStats(int Responses, IReadOnlyDictionary<string, int> ByGroup, double? Margin, RankInterval? Interval)
{
    /// <summary>Equal figures are equal stats (the counts by group compared by content).</summary>
    public bool Equals(UnitSurveyStats? other) => other is not null && Responses == other.Responses && Margin == other.Margin
        && Equals(Interval, other.Interval) && ByGroup.Count == other.ByGroup.Count
        && ByGroup.All(g => other.ByGroup.TryGetValue(g.Key, out var n) && n == g.Value);

    public override int GetHashCode() => HashCode.Combine(Responses, Margin, Interval);
}

/// <summary>A unit's 90% bootstrap intervals of index and rank, and whether its lead over the next unit of its bloc holds.</summary>
public sealed record RankInterval(decimal IndexLow, decimal IndexHigh, int RankBest, int RankWorst, bool? RobustAgainstNext);

/// <summary>One unit and group of the sample plan.</summary>
/// <param name="Population">N, when entered.</param>
/// <param name="Yamane">n = N ÷ (1 + N·e²), when N is known.</param>
/// <param name="Normal">The normal-approximation size with finite-population correction (without N: n₀).</param>
/// <param name="Collected">Submitted responses so far.</param>
/// <param name="Margin">The margin of error the collected responses give.</param>
public sealed record SamplePlanCell(int? Population, int? Yamane, int Normal, int Collected, double? Margin);

/// <summary>The sample plan of a unit: one cell per group.</summary>
public sealed record SamplePlanRow(string UnitCode, string UnitName, string Bloc, IReadOnlyList<SamplePlanCell> Cells);

/// <summary>Response counts, margins of error and the sample planner's sizes.</summary>
public sealed class SurveyStatsService(ParIndexDbContext db)
{
    /// <summary>The smallest margin of error a plan is asked for (0,1 %): below it every plan is a census anyway.</summary>
    public const double SmallestMargin = 0.001;

    /// <summary>The margin of error of a share from <paramref name="sample"/> respondents, corrected for a known population.</summary>
    public static double Margin(int sample, int? population) =>
        population is { } n && n >= sample ? SamplePlanner.MarginOfError(sample, n) : SamplePlanner.MarginOfError(sample, int.MaxValue);

    /// <summary>Each unit's survey figures for a year, by unit id.</summary>
    public async Task<IReadOnlyDictionary<int, UnitSurveyStats>> ForYearAsync(int yearId, CancellationToken cancellationToken = default)
    {
        var groups = await db.SurveyGroups.AsNoTracking().Where(g => g.AssessmentYearId == yearId).ToDictionaryAsync(g => g.Id, g => g.Code, cancellationToken);
        if (groups.Count == 0)
        {
            return new Dictionary<int, UnitSurveyStats>();
        }

        var counts = await CountsAsync(yearId, cancellationToken);
        var populations = await db.SurveyPopulations.AsNoTracking().Where(p => p.AssessmentYearId == yearId)
            .ToDictionaryAsync(p => (p.UnitId, p.GroupId), p => p.Population, cancellationToken);
        var intervals = await db.SurveyIntervals.AsNoTracking().Where(i => i.AssessmentYearId == yearId).ToDictionaryAsync(i => i.UnitId, cancellationToken);
        return counts.GroupBy(c => c.Key.UnitId).ToDictionary(
            u => u.Key,
            u => new UnitSurveyStats(
                u.Sum(c => c.Value),
                u.OrderBy(c => c.Key.GroupId).ToDictionary(c => groups[c.Key.GroupId], c => c.Value, StringComparer.Ordinal), // groups in the order they were made
                u.Max(c => Margin(c.Value, populations.TryGetValue(c.Key, out var n) ? n : null)),
                intervals.TryGetValue(u.Key, out var i) ? new RankInterval(i.IndexLow, i.IndexHigh, i.RankBest, i.RankWorst, i.RobustAgainstNext) : null));
    }

    /// <summary>The sample plan of a year for margin <paramref name="margin"/> (e.g. 0,05): each unit × group.</summary>
    public async Task<(IReadOnlyList<SurveyGroup> Groups, IReadOnlyList<SamplePlanRow> Rows)> PlanAsync(int yearId, double margin,
        CancellationToken cancellationToken = default)
    {
        var groups = await db.SurveyGroups.AsNoTracking().Where(g => g.AssessmentYearId == yearId)
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(cancellationToken);
        var units = await db.YearUnits.AsNoTracking().Where(u => u.AssessmentYearId == yearId)
            .OrderBy(u => u.Bloc!.SortOrder).ThenBy(u => u.Unit!.Code)
            .Select(u => new { u.UnitId, u.Unit!.Code, u.Unit.Name, Bloc = u.Bloc!.Name }).ToListAsync(cancellationToken);
        var counts = await CountsAsync(yearId, cancellationToken);
        var populations = await db.SurveyPopulations.AsNoTracking().Where(p => p.AssessmentYearId == yearId)
            .ToDictionaryAsync(p => (p.UnitId, p.GroupId), p => p.Population, cancellationToken);
        var unlimited = SamplePlanner.Normal(int.MaxValue, margin);
        var rows = units.Select(u => new SamplePlanRow(u.Code, u.Name, u.Bloc, [.. groups.Select(g =>
        {
            int? population = populations.TryGetValue((u.UnitId, g.Id), out var n) ? n : null;
            var collected = counts.GetValueOrDefault((u.UnitId, g.Id));
            return new SamplePlanCell(
                population,
                population is { } p ? SamplePlanner.Yamane(p, margin) : null,
                population is { } q ? SamplePlanner.Normal(q, margin) : unlimited,
                collected,
                collected > 0 ? Margin(collected, population) : null);
        })])).ToList();
        return (groups, rows);
    }

    private async Task<Dictionary<(int UnitId, int GroupId), int>> CountsAsync(int yearId, CancellationToken cancellationToken) =>
        (await db.SurveyRespondents.AsNoTracking()
            .Where(r => r.AssessmentYearId == yearId && r.SubmittedAt != null)
            .GroupBy(r => new { r.UnitId, r.GroupId })
            .Select(g => new { g.Key.UnitId, g.Key.GroupId, Count = g.Count() })
            .ToListAsync(cancellationToken))
        .ToDictionary(c => (c.UnitId, c.GroupId), c => c.Count);
}
