namespace ParIndex.Scoring.Ranking;

/// <summary>Where a unit stood in an earlier year's ranking of its bloc.</summary>
/// <param name="Rank">Its rank then (1 = first); null when there is no single comparable rank, e.g. a
/// unit formed by merging several earlier ones, compared with their combined index.</param>
/// <param name="Index">Its index then, unrounded (for a merged unit, the combined index of its predecessors).</param>
public readonly record struct PreviousStanding(int? Rank, decimal Index);
