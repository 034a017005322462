namespace ParIndex.Scoring.Ranking;

/// <summary>
/// When a unit's progress is outstanding (tiến bộ vượt bậc): it gained at least
/// <see cref="MinimumRankGain"/> places in its bloc, or its published index rose by at least
/// <see cref="MinimumIndexGain"/> points. A criterion left null is not used; with both null no unit
/// qualifies. A unit without an earlier standing never qualifies, and neither does a unit whose index
/// fell: places gained while the index dropped (others fell further) are not progress.
/// </summary>
/// <param name="MinimumRankGain">Places gained (earlier rank − rank), e.g. 5; null to ignore ranks.</param>
/// <param name="MinimumIndexGain">Index points gained (difference of the published indices), e.g. 5; null to ignore the index.</param>
public sealed record ProgressRule(int? MinimumRankGain, decimal? MinimumIndexGain)
{
    /// <summary>Whether <paramref name="unit"/> made outstanding progress under this rule.</summary>
    public bool IsOutstanding(RankedUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return IsOutstanding(unit.RankChange, unit.IndexChange);
    }

    /// <summary>Whether a rank change (places gained) and an index change (points) are outstanding under this rule.</summary>
    public bool IsOutstanding(int? rankChange, decimal? indexChange) =>
        !(indexChange < 0m)
        && ((MinimumRankGain is { } places && rankChange >= places)
            || (MinimumIndexGain is { } points && indexChange >= points));
}
