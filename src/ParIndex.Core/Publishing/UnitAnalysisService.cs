using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using ParIndex.Core.Results;
using ParIndex.Scoring;

namespace ParIndex.Core.Publishing;

/// <summary>An area of the unit's card beside its bloc (same year, same version) and its own earlier year.</summary>
/// <param name="SubIndex">The unit's sub-index (%) as published (two decimals); null when nothing in the area applies to it.</param>
/// <param name="BlocAverage">The mean sub-index of the bloc's units that have the area.</param>
/// <param name="BlocBest">The bloc's highest sub-index in the area.</param>
/// <param name="Previous">The unit's sub-index the year before through the area links (or, for a merged unit, its predecessors' mean).</param>
public sealed record AreaComparison(string Code, string Name, decimal? SubIndex, decimal? BlocAverage, decimal? BlocBest, decimal? Previous)
{
    /// <summary>Points above (positive) or below the bloc average, as published (difference of the rounded figures).</summary>
    public decimal? GapToAverage => SubIndex is { } s && BlocAverage is { } a ? ScoreFormat.Round(s) - ScoreFormat.Round(a) : null;
}

/// <summary>An area across a bloc: mean, best and worst sub-index (%, unrounded) over the units it applies to.</summary>
public sealed record AreaStats(string Code, string Name, int Position, decimal Average, decimal Best, decimal Worst, int Units);

/// <summary>The unit's index and rank in one year on record.</summary>
/// <param name="Rank">Null when the year is combined from several earlier units (no comparable rank).</param>
/// <param name="CombinedFrom">The earlier units the point stands for when the unit did not exist yet (lineage).</param>
/// <param name="Version">The published version read; null for a draft or an imported table.</param>
public sealed record TrendPoint(int Year, decimal Index, int? Rank, int BlocUnits, IReadOnlyList<string>? CombinedFrom, int? Version, bool Draft);

/// <summary>What the score card explains: areas against the bloc, where points were lost, the trend, and plain sentences.</summary>
public sealed record UnitAnalysis(
    IReadOnlyList<AreaComparison> Areas,
    IReadOnlyList<ScoreCardNode> LostMost,
    IReadOnlyList<TrendPoint> Trend,
    string Summary,
    IReadOnlyList<string> Strengths,
    IReadOnlyList<string> Weaknesses);

/// <summary>
/// Explains a unit's card from the same source as the card (a published version or the draft): each
/// area's sub-index against the bloc's average and best, the leaves that lost most points, the index
/// and rank over every year the reader may see (through the lineage for years before a merger), and
/// strengths and weaknesses as sentences. An area is a strength when the unit is at least
/// <see cref="Margin"/> points above the bloc average or the bloc's best, a weakness when at least
/// <see cref="Margin"/> points below the average.
/// </summary>
public sealed class UnitAnalysisService(ParIndexDbContext db, ResultsReader reader, PublicationService publications,
    Microsoft.Extensions.Caching.Memory.IMemoryCache cache)
{
    /// <summary>Points of sub-index away from the bloc average that make an area a strength or a weakness.</summary>
    public const decimal Margin = 5m;

    /// <summary>How many leaves "where points were lost" lists.</summary>
    public const int LostCount = 5;

    public async Task<UnitAnalysis> AnalyseAsync(Actor? actor, UnitScoreCard card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        var own = card.Nodes.Where(n => n.Level == NodeLevel.Area).ToList();
        var bloc = await BlocAreasAsync(card, cancellationToken);
        var lineage = await LineageAsync(card.UnitCode, cancellationToken);
        var previous = await PreviousAreasAsync(actor, card, lineage, own.Select(a => a.Code).ToList(), cancellationToken);
        var areas = own.Select(a =>
        {
            var stats = bloc.GetValueOrDefault(a.Code);
            return new AreaComparison(a.Code, a.Name, a.SubIndex, stats.Average, stats.Best, previous.GetValueOrDefault(a.Code));
        }).ToList();
        var lost = card.Nodes.Where(n => n.LostPoints > 0m).OrderByDescending(n => n.LostPoints).ThenBy(n => n.Code, StringComparer.Ordinal)
            .Take(LostCount).ToList();
        var trend = await TrendAsync(actor, card, lineage, cancellationToken);
        var (strengths, weaknesses) = Sentences(areas);
        return new UnitAnalysis(areas, lost, trend, Summary(card), strengths, weaknesses);
    }

    /// <summary>A figure in a sentence: two decimals in the reader's culture (91,68 in Vietnamese).</summary>
    private static string Number(decimal value) => ScoreFormat.Round(value).ToString("N2", System.Globalization.CultureInfo.CurrentCulture);

    private static string Summary(UnitScoreCard card)
    {
        var line = card.Ranking;
        var text = Messages.Get("AnalysisSummary", Number(line.Index), line.Rank, card.BlocName);
        return line.RankChange switch
        {
            > 0 => text + " " + Messages.Get("AnalysisRankUp", line.RankChange, card.Year - 1),
            < 0 => text + " " + Messages.Get("AnalysisRankDown", -line.RankChange, card.Year - 1),
            0 => text + " " + Messages.Get("AnalysisRankSame", card.Year - 1),
            _ => text,
        };
    }

    private static (List<string> Strengths, List<string> Weaknesses) Sentences(List<AreaComparison> areas)
    {
        var strengths = new List<string>();
        var weaknesses = new List<string>();
        foreach (var area in areas.Where(a => a.GapToAverage is not null).OrderByDescending(a => Math.Abs(a.GapToAverage!.Value)))
        {
            var gap = area.GapToAverage!.Value;
            var value = Number(area.SubIndex!.Value);
            var best = area.BlocBest is { } b && ScoreFormat.Round(area.SubIndex.Value) == ScoreFormat.Round(b) && gap > 0m;
            if (gap >= Margin || best)
            {
                strengths.Add(Messages.Get(best ? "AnalysisStrengthBest" : "AnalysisStrength", area.Name, value, Number(gap)));
            }
            else if (gap <= -Margin)
            {
                weaknesses.Add(Messages.Get("AnalysisWeakness", area.Name, value, Number(-gap)));
            }
        }

        return (strengths, weaknesses);
    }

    private async Task<Dictionary<string, (decimal? Average, decimal? Best)>> BlocAreasAsync(UnitScoreCard card, CancellationToken cancellationToken) =>
        (await AreaStatsAsync(card.Year, card.BlocCode, card.Publication?.Version, cancellationToken))
            .ToDictionary(a => a.Code, a => ((decimal?)a.Average, (decimal?)a.Best), StringComparer.Ordinal);

    /// <summary>
    /// Each area's sub-index across a bloc's units (those for which something in it applies), from a
    /// published version or, with <paramref name="version"/> null, the live results; first area first.
    /// </summary>
    public async Task<IReadOnlyList<AreaStats>> AreaStatsAsync(int year, string blocCode, int? version, CancellationToken cancellationToken = default)
    {
        if (version is { } asked)
        {
            // A published version never changes: its bloc's areas are read once (a national bloc's are
            // 3,321 units × the areas, and every card of the bloc shows them), then kept.
            if (await publications.PublishedIdAsync(year, asked, cancellationToken) is { } id)
            {
                return (await Microsoft.Extensions.Caching.Memory.CacheExtensions.GetOrCreateAsync(cache, ("published-bloc-areas", id, blocCode), async entry =>
                {
                    entry.SlidingExpiration = TimeSpan.FromHours(1);
                    return await ReadAreaStatsAsync(year, blocCode, version, cancellationToken);
                }))!;
            }
        }

        return await ReadAreaStatsAsync(year, blocCode, version, cancellationToken);
    }

    private async Task<IReadOnlyList<AreaStats>> ReadAreaStatsAsync(int year, string blocCode, int? version, CancellationToken cancellationToken)
    {
        // Aggregated here, not in SQL: PostgreSQL's average of 28-digit numerics has more digits than a decimal holds.
        var rows = version is { } v
            ? await (from n in db.PublicationNodes.AsNoTracking()
                     join u in db.PublicationUnits on new { n.PublicationId, n.UnitId } equals new { u.PublicationId, u.UnitId }
                     join p in db.Publications on n.PublicationId equals p.Id
                     join y in db.Years on p.AssessmentYearId equals y.Id
                     where y.Year == year && p.Version == v && u.BlocCode == blocCode && n.Level == NodeLevel.Area && n.ApplicableMaximum > 0
                     select new { n.Code, n.Name, n.Position, n.Achieved, n.ApplicableMaximum }).ToListAsync(cancellationToken)
            : await (from a in db.UnitAreaResults.AsNoTracking()
                     join yu in db.YearUnits on new { a.AssessmentYearId, a.UnitId } equals new { yu.AssessmentYearId, yu.UnitId }
                     join y in db.Years on a.AssessmentYearId equals y.Id
                     where y.Year == year && yu.Bloc!.Code == blocCode && a.ApplicableMaximum > 0
                     select new { Code = a.AreaCode, Name = a.AreaName, a.Position, a.Achieved, a.ApplicableMaximum }).ToListAsync(cancellationToken);
        return [.. rows.GroupBy(r => r.Code, StringComparer.Ordinal)
            .Select(g =>
            {
                var subs = g.Select(r => r.Achieved * 100m / r.ApplicableMaximum).ToList();
                return new AreaStats(g.Key, g.First().Name, g.Min(r => r.Position), subs.Average(), subs.Max(), subs.Min(), subs.Count);
            })
            .OrderBy(r => r.Position).ThenBy(r => r.Code, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The unit's area sub-indices the year before, in this year's area codes: through the framework's
    /// area links when it has links to the earlier version, else by code; for a unit that replaced
    /// several earlier ones, the mean of theirs.
    /// </summary>
    private async Task<Dictionary<string, decimal?>> PreviousAreasAsync(Actor? actor, UnitScoreCard card, Lineage lineage, List<string> areaCodes,
        CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        var earlierYear = card.Year - 1;
        var sources = await EarlierAreasAsync(actor, card, lineage, earlierYear, cancellationToken);
        if (sources.Count == 0)
        {
            return result;
        }

        var earlierFrameworks = sources.Select(s => s.FrameworkId).OfType<int>().Distinct().ToList();
        var links = card.FrameworkId is { } current
            ? await db.FrameworkAreaLinks.AsNoTracking().Where(l => l.FrameworkId == current && earlierFrameworks.Contains(l.EarlierFrameworkId))
                .ToListAsync(cancellationToken)
            : [];
        foreach (var code in areaCodes)
        {
            var values = new List<decimal>();
            foreach (var source in sources)
            {
                var linked = links.Where(l => l.EarlierFrameworkId == source.FrameworkId).ToList();
                var earlierCodes = linked.Count > 0 ? linked.Where(l => l.AreaCode == code).Select(l => l.EarlierAreaCode).ToList() : [code];
                var parts = source.Areas.Where(a => earlierCodes.Contains(a.Code, StringComparer.Ordinal)).ToList();
                var applicable = parts.Sum(p => p.Applicable);
                if (parts.Count > 0 && applicable > 0m)
                {
                    values.Add(parts.Sum(p => p.Achieved) * 100m / applicable);
                }
            }

            result[code] = values.Count == 0 ? null : values.Average();
        }

        return result;
    }

    private sealed record EarlierAreas(int? FrameworkId, List<(string Code, decimal Achieved, decimal Applicable)> Areas);

    /// <summary>The earlier year's areas of the unit itself, or else of the units it replaced.</summary>
    private async Task<List<EarlierAreas>> EarlierAreasAsync(Actor? actor, UnitScoreCard card, Lineage lineage, int earlierYear,
        CancellationToken cancellationToken)
    {
        var unitId = lineage.UnitId;
        var predecessors = lineage.Predecessors.Where(p => p.EffectiveYear <= card.Year).Select(p => p.Id);
        var earlier = await reader.RankingAsync(actor, earlierYear, cancellationToken: cancellationToken);
        if (earlier is null)
        {
            return [];
        }

        List<int> candidates = [unitId, .. predecessors];
        if (earlier.Publication is { } info)
        {
            var units = await (from u in db.PublicationUnits.AsNoTracking()
                               join p in db.Publications on u.PublicationId equals p.Id
                               join y in db.Years on p.AssessmentYearId equals y.Id
                               where y.Year == earlierYear && p.Version == info.Version && candidates.Contains(u.UnitId)
                               select new { u.PublicationId, u.UnitId, u.FrameworkId }).ToListAsync(cancellationToken);
            var chosen = units.Any(u => u.UnitId == unitId) ? units.Where(u => u.UnitId == unitId).ToList() : units;
            if (chosen.Count == 0)
            {
                return [];
            }

            // The areas of every chosen unit (itself, or the units it replaced) in one query.
            var publicationId = chosen[0].PublicationId;
            var chosenIds = chosen.Select(u => u.UnitId).ToList();
            var areas = (await db.PublicationNodes.AsNoTracking()
                .Where(n => n.PublicationId == publicationId && chosenIds.Contains(n.UnitId) && n.Level == NodeLevel.Area)
                .OrderBy(n => n.Position)
                .Select(n => new { n.UnitId, n.Code, n.Achieved, n.ApplicableMaximum }).ToListAsync(cancellationToken)).ToLookup(a => a.UnitId);
            return [.. chosen.Select(u => new EarlierAreas(u.FrameworkId, [.. areas[u.UnitId].Select(a => (a.Code, a.Achieved, a.ApplicableMaximum))]))];
        }

        var live = await (from a in db.UnitAreaResults.AsNoTracking()
                          join yu in db.YearUnits on new { a.AssessmentYearId, a.UnitId } equals new { yu.AssessmentYearId, yu.UnitId }
                          join y in db.Years on a.AssessmentYearId equals y.Id
                          where y.Year == earlierYear && candidates.Contains(a.UnitId)
                          select new { a.UnitId, yu.FrameworkId, a.AreaCode, a.Achieved, a.ApplicableMaximum }).ToListAsync(cancellationToken);
        var mine = live.Any(a => a.UnitId == unitId) ? live.Where(a => a.UnitId == unitId).ToList() : live;
        return [.. mine.GroupBy(a => (a.UnitId, a.FrameworkId))
            .Select(g => new EarlierAreas(g.Key.FrameworkId, [.. g.Select(a => (a.AreaCode, a.Achieved, a.ApplicableMaximum))]))];
    }

    /// <summary>A unit and the units it replaced (each with the year the merger took effect).</summary>
    private sealed record Lineage(int UnitId, List<Predecessor> Predecessors);

    private sealed record Predecessor(int Id, string Code, int EffectiveYear);

    /// <summary>The unit's id and lineage in one query, for the earlier areas and the trend alike.</summary>
    private async Task<Lineage> LineageAsync(string unitCode, CancellationToken cancellationToken)
    {
        var unit = await db.Units.AsNoTracking().Where(u => u.Code == unitCode)
            .Select(u => new
            {
                u.Id,
                Predecessors = db.UnitLineages.Where(l => l.SuccessorId == u.Id)
                    .Select(l => new Predecessor(l.PredecessorId, l.Predecessor!.Code, l.EffectiveYear)).ToList(),
            })
            .SingleAsync(cancellationToken);
        return new Lineage(unit.Id, unit.Predecessors);
    }

    /// <summary>Index and rank in every year the reader may see; before a merger, the predecessors' mean index.</summary>
    private async Task<List<TrendPoint>> TrendAsync(Actor? actor, UnitScoreCard card, Lineage lineage, CancellationToken cancellationToken)
    {
        var predecessors = lineage.Predecessors;
        var points = new List<TrendPoint>();
        foreach (var year in (await reader.YearsAsync(actor, cancellationToken)).Where(y => y <= card.Year).Order())
        {
            var ranking = year == card.Year && card.Publication is { } info
                ? await reader.RankingAsync(actor, year, version: info.Version, cancellationToken: cancellationToken)
                : await reader.RankingAsync(actor, year, draft: year == card.Year && card.Publication is null, cancellationToken: cancellationToken);
            if (ranking is null)
            {
                continue;
            }

            var version = ranking.Publication?.Version;
            var draft = ranking.Publication is null && !ranking.FromPublishedTable;
            if (ranking.Find(card.UnitCode) is { } found)
            {
                points.Add(new TrendPoint(year, found.Line.Index, found.Line.Rank, found.Bloc.Units.Count, null, version, draft));
                continue;
            }

            var earlier = predecessors.Where(p => p.EffectiveYear > year).Select(p => ranking.Find(p.Code)).OfType<(BlocRankingView Bloc, RankingRow Line)>().ToList();
            if (earlier.Count == 1)
            {
                var (bloc, line) = earlier[0];
                points.Add(new TrendPoint(year, line.Index, line.Rank, bloc.Units.Count, [line.UnitName], version, draft));
            }
            else if (earlier.Count > 1)
            {
                points.Add(new TrendPoint(year, ScoreFormat.Round(earlier.Average(e => e.Line.Index)), null, earlier[0].Bloc.Units.Count,
                    [.. earlier.Select(e => e.Line.UnitName)], version, draft));
            }
        }

        return points;
    }
}
