namespace ParIndex.Core.Units;

/// <summary>A unit replacing an earlier one from a given year, so year-over-year comparisons still work.</summary>
public sealed class UnitLineage
{
    public int SuccessorId { get; set; }

    public int PredecessorId { get; set; }

    public Unit? Predecessor { get; set; }

    /// <summary>The first assessment year in which the successor stands in for the predecessor.</summary>
    public int EffectiveYear { get; set; }
}
