using ParIndex.Scoring;

namespace ParIndex.Core.Results;

/// <summary>The settled input of one leaf for one unit in one year (what the engine scores).</summary>
public sealed class LeafScore
{
    public long Id { get; set; }

    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public int NodeId { get; set; }

    public LeafInputKind Kind { get; set; }

    public decimal First { get; set; }

    public decimal Second { get; set; }
}
