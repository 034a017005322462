namespace ParIndex.Scoring.Ranking;

/// <summary>A class of units (e.g. A: index ≥ 90) in a <see cref="ClassScheme"/>.</summary>
/// <param name="Label">The class as published, e.g. <c>A</c> or <c>Tốt</c>.</param>
/// <param name="MinimumIndex">The lowest published index (%) in the class, inclusive.</param>
public sealed record IndexClass(string Label, decimal MinimumIndex);
