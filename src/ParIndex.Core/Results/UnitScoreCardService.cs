using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Scoring;

namespace ParIndex.Core.Results;

/// <summary>A unit's score card: its ranking line, and its framework scored leaf by leaf by the engine.</summary>
public sealed class UnitScoreCardService(ParIndexDbContext db, RankingService rankings)
{
    /// <summary>The card, or null when the year or the unit's result for it does not exist.</summary>
    public async Task<UnitScoreCard?> GetAsync(int year, string unitCode, CancellationToken cancellationToken = default)
    {
        var ranking = await rankings.GetAsync(year, cancellationToken);
        var (bloc, line) = ranking is null
            ? default
            : ranking.Blocs.SelectMany(b => b.Units.Select(u => (Bloc: b, Line: u)))
                .FirstOrDefault(x => string.Equals(x.Line.UnitCode, unitCode, StringComparison.OrdinalIgnoreCase));
        if (line is null)
        {
            return null;
        }

        var participant = await (
            from yu in db.YearUnits.AsNoTracking()
            join y in db.Years on yu.AssessmentYearId equals y.Id
            where y.Year == year && yu.Unit!.Code == line.UnitCode
            select new { yu.AssessmentYearId, yu.UnitId, yu.FrameworkId }).SingleAsync(cancellationToken);
        if (participant.FrameworkId is not { } frameworkId)
        {
            return new UnitScoreCard(year, line.UnitCode, line.UnitName, bloc!.Name, line, null, []);
        }

        var version = await db.Frameworks.AsNoTracking().Include(f => f.Nodes).SingleAsync(f => f.Id == frameworkId, cancellationToken);
        var framework = StoredFramework.From(version, version.Nodes);
        var inputs = framework.Framework.NewInputs();
        var scores = await db.LeafScores.AsNoTracking()
            .Where(s => s.AssessmentYearId == participant.AssessmentYearId && s.UnitId == participant.UnitId)
            .ToListAsync(cancellationToken);
        foreach (var score in scores)
        {
            var leaf = framework.LeafIndexOf(score.NodeId);
            if (leaf >= 0)
            {
                inputs[leaf] = ResultsService.ToInput(score);
            }
        }

        var result = framework.Framework.Score(inputs);
        var nodes = framework.Framework.Nodes.Select(node =>
        {
            var outcome = result[node];
            var input = node.IsLeaf ? inputs[node.LeafIndex] : (LeafInput?)null;
            return new ScoreCardNode(
                node.Code,
                node.Name,
                node.Level,
                node.IsLeaf,
                node.MaxPoints,
                outcome.ApplicableMaximum,
                ScoreFormat.Round(outcome.Achieved),
                ScoreFormat.Round(outcome.BonusPenalty),
                outcome.SubIndex is { } sub ? ScoreFormat.Round(sub) : null,
                node.IsLeaf ? result.IsNotApplicable(node) : outcome.ApplicableMaximum == 0m && node.MaxPoints > 0m,
                node.Component,
                node.Rule is null ? null : RuleCodec.KindOf(node.Rule),
                input?.Kind,
                input?.First,
                input?.Second);
        }).ToList();
        return new UnitScoreCard(year, line.UnitCode, line.UnitName, bloc!.Name, line, version.Name, nodes);
    }
}
