namespace ParIndex.Core.Results;

/// <summary>
/// An area's points in a computed result, unrounded: written with <see cref="UnitResultRow"/> by the
/// same recompute, so a bloc's area averages and bests are one query away.
/// </summary>
public sealed class UnitAreaResult
{
    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public required string AreaCode { get; set; }

    public required string AreaName { get; set; }

    /// <summary>The area's place in its framework (1 = first).</summary>
    public int Position { get; set; }

    public decimal MaxPoints { get; set; }

    public decimal ApplicableMaximum { get; set; }

    public decimal Achieved { get; set; }
}
