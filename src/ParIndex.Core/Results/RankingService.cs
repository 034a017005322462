using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Core.Surveys;
using ParIndex.Scoring;
using ParIndex.Scoring.Ranking;

namespace ParIndex.Core.Results;

/// <summary>
/// Reads a year's results and ranks every bloc with the engine, against the previous year where it
/// has results. A unit with no result of its own last year is compared through its lineage when it
/// replaces exactly one unit that was ranked in the same bloc.
/// </summary>
public sealed class RankingService(ParIndexDbContext db)
{
    private static readonly StringComparer VietnameseOrder = StringComparer.Create(CultureInfo.GetCultureInfo("vi-VN"), ignoreCase: true);

    /// <summary>The years that have results, latest first.</summary>
    public async Task<IReadOnlyList<int>> YearsWithResultsAsync(CancellationToken cancellationToken = default) =>
        await db.Years.AsNoTracking()
            .Where(y => db.UnitResults.Any(r => r.AssessmentYearId == y.Id))
            .OrderByDescending(y => y.Year)
            .Select(y => y.Year)
            .ToListAsync(cancellationToken);

    /// <summary>The year's ranking, or null when the year does not exist.</summary>
    public async Task<YearRanking?> GetAsync(int year, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Years.AsNoTracking().Include(y => y.Classes)
            .SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        var current = await LoadAsync(year, cancellationToken);
        var earlier = await LoadAsync(year - 1, cancellationToken);
        var classes = assessment.Classes.Count == 0
            ? null
            : new ClassScheme(assessment.Classes.Select(c => new IndexClass(c.Label, c.MinimumIndex)));
        var previous = await PreviousStandingsAsync(earlier, current, year, cancellationToken);
        var survey = await new SurveyStatsService(db).ForYearAsync(assessment.Id, cancellationToken);
        var updatedAt = current.Count == 0 ? (DateTimeOffset?)null : current.Max(r => r.UpdatedAt);
        var awards = new AwardRule(assessment.AwardTop, assessment.ProgressRankGain, assessment.ProgressIndexGain);
        var pending = await db.YearUnits.AsNoTracking()
            .Where(u => u.AssessmentYearId == assessment.Id && u.FrameworkId != null && u.Status != Assessments.UnitStatus.Final)
            .GroupBy(u => u.Bloc!.Code)
            .Select(g => new { Bloc = g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Bloc, g => g.Count, StringComparer.Ordinal, cancellationToken);
        var surveyLeaves = db.FrameworkNodes.Where(n => n.Component == Component.Survey && n.RuleKind != null
            && db.Frameworks.Any(f => f.Id == n.FrameworkId && f.AssessmentYearId == assessment.Id));
        var surveyNotScored = await surveyLeaves.AnyAsync(cancellationToken)
            && !await db.LeafScores.AnyAsync(s => s.AssessmentYearId == assessment.Id && surveyLeaves.Any(n => n.Id == s.NodeId), cancellationToken);
        return Build(new YearRanking(assessment.Year, assessment.Title, assessment.IsDemo, earlier.Count > 0 ? year - 1 : null, updatedAt, [])
        {
            Awards = awards,
            FromPublishedTable = current.Count > 0 && current.All(l => l.Imported),
            SurveyNotScored = surveyNotScored,
            SurveyStaleSince = assessment.SurveyStaleSince,
        }, current, previous, classes, survey, pending);
    }

    /// <summary>
    /// Ranks every bloc of <paramref name="lines"/> with the engine and fills <paramref name="header"/>'s blocs:
    /// the one way a ranking is built, from live results or from a published snapshot.
    /// </summary>
    /// <param name="pending">A draft's units not final yet, by bloc code: those blocs get no rank change, award or outstanding progress.</param>
    internal static YearRanking Build(YearRanking header, IReadOnlyList<ResultLine> lines, PreviousStandings previous, ClassScheme? classes,
        IReadOnlyDictionary<int, UnitSurveyStats> survey, IReadOnlyDictionary<string, int>? pending = null)
    {
        var blocs = lines
            .GroupBy(r => (r.BlocCode, r.BlocName, r.BlocOrder))
            .OrderBy(g => g.Key.BlocOrder).ThenBy(g => g.Key.BlocCode, StringComparer.Ordinal)
            .Select(g => ToView(g.Key.BlocCode, g.Key.BlocName, [.. g], previous.ByBloc.GetValueOrDefault(g.Key.BlocCode), previous.From,
                classes, survey, header.Awards, pending?.GetValueOrDefault(g.Key.BlocCode) ?? 0))
            .ToList();
        return header with { Blocs = blocs };
    }

    private static BlocRankingView ToView(string code, string name, List<ResultLine> lines,
        IReadOnlyDictionary<string, PreviousStanding>? previous, IReadOnlyDictionary<string, IReadOnlyList<string>> from, ClassScheme? classes,
        IReadOnlyDictionary<int, UnitSurveyStats> survey, AwardRule awards, int pending)
    {
        // A bloc whose units are not all final has provisional ranks: no places gained, no award, no outstanding progress yet.
        var complete = pending == 0;
        var byCode = lines.ToDictionary(l => l.UnitCode, StringComparer.Ordinal);
        var order = Comparer<string>.Create((a, b) => VietnameseOrder.Compare(byCode[a].UnitName, byCode[b].UnitName));
        var ranking = BlocRanking.Create(lines.Select(l => new RankingEntry(l.UnitCode, l.Result)), previous, classes, order);
        var progress = awards.Progress;
        var rows = ranking.Units.Select(u => new RankingRow(
            u.Rank,
            u.Unit,
            byCode[u.Unit].UnitName,
            ScoreFormat.Round(u.Result.Appraisal),
            ScoreFormat.Round(u.Result.Survey),
            ScoreFormat.Round(u.Result.BonusPenalty),
            ScoreFormat.Round(u.Result.Total),
            ScoreFormat.Round(u.Result.ApplicableMaximum),
            u.PublishedIndex,
            u.Class?.Label,
            u.Previous?.Rank,
            complete ? u.RankChange : null,
            u.IndexChange)
        {
            SurveyStats = survey.GetValueOrDefault(byCode[u.Unit].UnitId),
            OutstandingProgress = complete && progress.IsOutstanding(u),
            TopAward = complete && awards.Top is { } top && u.Rank <= top,
            ComparedThrough = from.GetValueOrDefault(u.Unit),
        }).ToList();
        var averages = ranking.Averages;
        return new BlocRankingView(code, name, Round(averages.Index), Round(averages.AppraisalPercent), Round(averages.SurveyPercent), rows)
        {
            Pending = pending,
        };
    }

    private static decimal? Round(decimal? value) => value is { } v ? ScoreFormat.Round(v) : null;

    /// <summary>
    /// Standings of the earlier year by bloc code and then by the code of the unit they now belong to.
    /// A unit without a result of its own last year is compared through its lineage: with the one
    /// earlier unit it replaced (its rank and index), or with several (their mean index, no rank);
    /// <see cref="PreviousStandings.From"/> names them. Only standings in the same bloc compare.
    /// </summary>
    internal async Task<PreviousStandings> PreviousStandingsAsync(
        List<ResultLine> earlier, List<ResultLine> current, int year, CancellationToken cancellationToken)
    {
        var result = new PreviousStandings();
        if (earlier.Count == 0)
        {
            return result;
        }

        var standingByUnitId = new Dictionary<int, (string Bloc, string Name, PreviousStanding Standing)>();
        foreach (var bloc in earlier.GroupBy(l => l.BlocCode, StringComparer.Ordinal))
        {
            var lines = bloc.ToDictionary(l => l.UnitCode, StringComparer.Ordinal);
            foreach (var (unitCode, standing) in BlocRanking.Create(bloc.Select(l => new RankingEntry(l.UnitCode, l.Result))).Standings())
            {
                standingByUnitId[lines[unitCode].UnitId] = (bloc.Key, lines[unitCode].UnitName, standing);
            }
        }

        var currentIds = current.Select(c => c.UnitId).ToList();
        var predecessors = (await db.UnitLineages.AsNoTracking()
                .Where(l => currentIds.Contains(l.SuccessorId) && l.EffectiveYear <= year)
                .Select(l => new { l.SuccessorId, l.PredecessorId })
                .ToListAsync(cancellationToken))
            .ToLookup(l => l.SuccessorId, l => l.PredecessorId);

        foreach (var line in current)
        {
            PreviousStanding? found = null;
            IReadOnlyList<string>? from = null;
            if (standingByUnitId.TryGetValue(line.UnitId, out var own))
            {
                found = own.Bloc == line.BlocCode ? own.Standing : null;
            }
            else
            {
                var ranked = predecessors[line.UnitId].Where(standingByUnitId.ContainsKey).Select(id => standingByUnitId[id]).ToList();
                // A rank is only comparable inside the same bloc.
                if (ranked.Count > 0 && ranked.All(r => r.Bloc == line.BlocCode))
                {
                    found = ranked.Count == 1 ? ranked[0].Standing : new PreviousStanding(null, ranked.Average(r => r.Standing.Index));
                    from = [.. ranked.Select(r => r.Name).Order(VietnameseOrder)];
                }
            }

            if (found is { } f)
            {
                if (!result.ByBloc.TryGetValue(line.BlocCode, out var map))
                {
                    result.ByBloc[line.BlocCode] = map = new Dictionary<string, PreviousStanding>(StringComparer.Ordinal);
                }

                map[line.UnitCode] = f;
                if (from is not null)
                {
                    result.From[line.UnitCode] = from;
                }
            }
        }

        return result;
    }

    /// <summary>Earlier standings by bloc and unit code, and for units compared through their lineage, the earlier units' names.</summary>
    internal sealed class PreviousStandings
    {
        public Dictionary<string, Dictionary<string, PreviousStanding>> ByBloc { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, IReadOnlyList<string>> From { get; } = new(StringComparer.Ordinal);
    }

    internal async Task<List<ResultLine>> LoadAsync(int year, CancellationToken cancellationToken)
    {
        var rows = await (
            from r in db.UnitResults.AsNoTracking()
            join y in db.Years on r.AssessmentYearId equals y.Id
            join yu in db.YearUnits on new { r.AssessmentYearId, r.UnitId } equals new { yu.AssessmentYearId, yu.UnitId }
            where y.Year == year
            select new
            {
                r.UnitId,
                UnitCode = yu.Unit!.Code,
                UnitName = yu.Unit.Name,
                BlocCode = yu.Bloc!.Code,
                BlocName = yu.Bloc.Name,
                BlocOrder = yu.Bloc.SortOrder,
                r.Appraisal,
                r.Survey,
                r.BonusPenalty,
                r.ApplicableMaximum,
                r.AppraisalMaximum,
                r.SurveyMaximum,
                r.UpdatedAt,
                r.Source,
            }).ToListAsync(cancellationToken);
        return [.. rows.Select(r => new ResultLine(r.UnitId, r.UnitCode, r.UnitName, r.BlocCode, r.BlocName, r.BlocOrder,
            IndexResult.Create(r.Appraisal, r.Survey, r.ApplicableMaximum, r.BonusPenalty, r.AppraisalMaximum, r.SurveyMaximum), r.UpdatedAt)
        {
            Imported = r.Source == ResultSource.Imported,
        })];
    }

    internal sealed record ResultLine(int UnitId, string UnitCode, string UnitName, string BlocCode, string BlocName, int BlocOrder,
        IndexResult Result, DateTimeOffset UpdatedAt)
    {
        /// <summary>Imported from a published table rather than computed here.</summary>
        public bool Imported { get; init; }
    }
}
