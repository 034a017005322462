namespace ParIndex.Core.Surveys;

/// <summary>A unit's stored bootstrap result: 90% intervals of its index and rank, and whether its lead over the next unit holds.</summary>
public sealed class SurveyIntervalRow
{
    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public decimal IndexLow { get; set; }

    public decimal IndexHigh { get; set; }

    public int RankBest { get; set; }

    public int RankWorst { get; set; }

    public bool? RobustAgainstNext { get; set; }

    public int Replicates { get; set; }

    public long Seed { get; set; }

    public DateTimeOffset ComputedAt { get; set; }
}
