namespace ParIndex.Scoring.Rules;

/// <summary>One level of a <see cref="TieredRule"/>, e.g. "done on time" worth the full points.</summary>
/// <param name="Label">What the unit must have achieved, as shown to users.</param>
/// <param name="Points">The points earned at this level, between 0 and the leaf's maximum.</param>
public readonly record struct Tier(string Label, decimal Points);
