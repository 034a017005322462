using ParIndex.Scoring;

namespace ParIndex.Core.Results;

/// <summary>
/// One unit's result for a year, leaf by leaf: what the score card page and API show. Points are as
/// published (two decimals); <see cref="Nodes"/> is empty for results imported from a published table.
/// </summary>
public sealed record UnitScoreCard(
    int Year,
    string UnitCode,
    string UnitName,
    string BlocName,
    RankingRow Ranking,
    string? FrameworkName,
    IReadOnlyList<ScoreCardNode> Nodes)
{
    /// <summary>The published version this card belongs to; null for the live results.</summary>
    public Publishing.PublicationInfo? Publication { get; init; }

    /// <summary>The unit's bloc that year.</summary>
    public string BlocCode { get; init; } = "";

    /// <summary>The framework version the unit was scored against; null for imported results.</summary>
    public int? FrameworkId { get; init; }
}

/// <summary>
/// A node of the unit's framework: its maximum, what applies to the unit, the points it achieved
/// within the 100 (the sub-index is computed from these), the bonus/penalty below it (outside the
/// 100), and for a leaf its component, rule and the input the unit's score came from.
/// </summary>
public sealed record ScoreCardNode(
    string Code,
    string Name,
    NodeLevel Level,
    bool IsLeaf,
    decimal MaxPoints,
    decimal ApplicableMaximum,
    decimal Points,
    decimal BonusPenalty,
    decimal? SubIndex,
    bool NotApplicable,
    Component? Component,
    string? Rule,
    LeafInputKind? InputKind,
    decimal? InputFirst,
    decimal? InputSecond)
{
    /// <summary>Points a scored leaf fell short of its applicable maximum, unrounded (0 for inner, not-applicable and bonus nodes).</summary>
    public decimal LostPoints { get; init; }

    /// <summary>A tiered leaf's chosen level by its label (e.g. "Chậm hạn"); null otherwise or when not known.</summary>
    public string? InputLabel { get; init; }
}
