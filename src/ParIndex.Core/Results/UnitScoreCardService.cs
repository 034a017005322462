using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Publishing;
using ParIndex.Scoring;

namespace ParIndex.Core.Results;

/// <summary>A unit's live score card: its ranking line, and its framework scored leaf by leaf by the engine.</summary>
public sealed class UnitScoreCardService(ParIndexDbContext db, RankingService rankings)
{
    /// <summary>The card, or null when the year or the unit's result for it does not exist.</summary>
    public async Task<UnitScoreCard?> GetAsync(int year, string unitCode, CancellationToken cancellationToken = default) =>
        await rankings.GetAsync(year, cancellationToken) is { } ranking ? await GetAsync(ranking, unitCode, cancellationToken) : null;

    /// <summary>A unit's live card in <paramref name="ranking"/> (the year's live ranking, built or kept by the caller).</summary>
    public async Task<UnitScoreCard?> GetAsync(YearRanking ranking, string unitCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var year = ranking.Year;
        var (bloc, line) = ranking.Find(unitCode) ?? default;
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
            return new UnitScoreCard(year, line.UnitCode, line.UnitName, bloc!.Name, line, null, []) { BlocCode = bloc.Code };
        }

        var version = await db.Frameworks.AsNoTracking().Include(f => f.Nodes).SingleAsync(f => f.Id == frameworkId, cancellationToken);
        var framework = StoredFramework.From(version, version.Nodes);
        var scores = await db.LeafScores.AsNoTracking()
            .Where(s => s.AssessmentYearId == participant.AssessmentYearId && s.UnitId == participant.UnitId)
            .ToListAsync(cancellationToken);
        var nodes = NodesOf(framework, scores);
        return new UnitScoreCard(year, line.UnitCode, line.UnitName, bloc!.Name, line, version.Name, [.. nodes.Select(ToCardNode)])
        {
            BlocCode = bloc.Code,
            FrameworkId = frameworkId,
        };
    }

    /// <summary>A unit's framework scored from its stored leaf scores: every node, unrounded, in framework order.</summary>
    internal static List<PublicationNode> NodesOf(StoredFramework framework, IEnumerable<LeafScore> scores)
    {
        var inputs = framework.Framework.NewInputs();
        foreach (var score in scores)
        {
            var leaf = framework.LeafIndexOf(score.NodeId);
            if (leaf >= 0)
            {
                inputs[leaf] = ResultsService.ToInput(score);
            }
        }

        var result = framework.Framework.Score(inputs);
        return [.. framework.Framework.Nodes.Select(node =>
        {
            var outcome = result[node];
            var input = node.IsLeaf ? inputs[node.LeafIndex] : (LeafInput?)null;
            return new PublicationNode
            {
                Position = node.Index,
                Code = node.Code,
                Name = node.Name,
                Level = node.Level,
                IsLeaf = node.IsLeaf,
                MaxPoints = node.MaxPoints,
                ApplicableMaximum = outcome.ApplicableMaximum,
                Achieved = outcome.Achieved,
                BonusPenalty = outcome.BonusPenalty,
                SubIndex = outcome.SubIndex,
                NotApplicable = node.IsLeaf ? result.IsNotApplicable(node) : outcome.ApplicableMaximum == 0m && node.MaxPoints > 0m,
                Component = node.Component,
                Rule = node.Rule is null ? null : RuleCodec.KindOf(node.Rule),
                InputKind = input?.Kind,
                InputFirst = input?.First,
                InputSecond = input?.Second,
                InputLabel = node.Rule is Scoring.Rules.TieredRule tiered && input is { Kind: LeafInputKind.Tier } chosen
                    && chosen.First >= 0 && chosen.First < tiered.Tiers.Count
                    ? tiered.Tiers[(int)chosen.First].Label
                    : null,
            };
        })];
    }

    /// <summary>A node as the card shows it: points rounded as published.</summary>
    internal static ScoreCardNode ToCardNode(PublicationNode node) => new(
        node.Code,
        node.Name,
        node.Level,
        node.IsLeaf,
        node.MaxPoints,
        node.ApplicableMaximum,
        ScoreFormat.Round(node.Achieved),
        ScoreFormat.Round(node.BonusPenalty),
        node.SubIndex is { } sub ? ScoreFormat.Round(sub) : null,
        node.NotApplicable,
        node.Component,
        node.Rule,
        node.InputKind,
        node.InputFirst,
        node.InputSecond)
    {
        LostPoints = node.IsLeaf && !node.NotApplicable && node.Component is not null ? node.ApplicableMaximum - node.Achieved : 0m,
        InputLabel = node.InputLabel,
    };
}
