namespace ParIndex.Scoring.Ranking;

/// <summary>A unit to be ranked inside its bloc.</summary>
/// <param name="Unit">The unit's key (its code), unique within the bloc.</param>
/// <param name="Result">The unit's totals and index.</param>
public sealed record RankingEntry(string Unit, IndexResult Result);
