namespace ParIndex.Core.Years;

/// <summary>A class of the year's class scheme (e.g. A: index ≥ 90).</summary>
public sealed class IndexClassRow
{
    public int Id { get; set; }

    public int AssessmentYearId { get; set; }

    public required string Label { get; set; }

    public decimal MinimumIndex { get; set; }
}
