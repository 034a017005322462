namespace ParIndex.Scoring.Ranking;

/// <summary>A unit's place in its bloc's ranking.</summary>
/// <param name="Unit">The unit's key.</param>
/// <param name="Result">The unit's totals and index, unrounded.</param>
/// <param name="Rank">Competition rank (1, 2, 2, 4) on the published index.</param>
/// <param name="Class">The unit's class, when a scheme was given and the unit reaches one.</param>
/// <param name="Previous">Its standing in the earlier year, when known.</param>
public sealed record RankedUnit(string Unit, IndexResult Result, int Rank, IndexClass? Class, PreviousStanding? Previous)
{
    /// <summary>The index as published: rounded to two decimals.</summary>
    public decimal PublishedIndex => ScoreFormat.Round(Result.Index);

    /// <summary>Places gained since the earlier year (earlier rank − rank): positive = moved up; null without an earlier rank.</summary>
    public int? RankChange => Previous is { Rank: { } before } ? before - Rank : null;

    /// <summary>
    /// Index points gained since the earlier year, as the difference of the two published indices
    /// (so that it matches the published tables exactly).
    /// </summary>
    public decimal? IndexChange => Previous is { } p ? PublishedIndex - ScoreFormat.Round(p.Index) : null;
}
