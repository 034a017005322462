namespace ParIndex.Scoring.Ranking;

/// <summary>Where a unit stood in an earlier year's ranking of its bloc.</summary>
/// <param name="Rank">Its rank then (1 = first).</param>
/// <param name="Index">Its index then, unrounded.</param>
public readonly record struct PreviousStanding(int Rank, decimal Index);
