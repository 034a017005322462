using ParIndex.Core.Assessments;

namespace ParIndex.Core.Units;

/// <summary>A unit taking part in an assessment year: in which bloc, against which framework version, and where it stands.</summary>
public sealed class YearUnit
{
    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    public int BlocId { get; set; }

    public Bloc? Bloc { get; set; }

    /// <summary>The framework version the unit is scored against; null for results imported as published.</summary>
    public int? FrameworkId { get; set; }

    public UnitStatus Status { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public DateTimeOffset? FirstRoundClosedAt { get; set; }

    /// <summary>When the unit head sent the explanations; from then on the council is in round 2 for this unit.</summary>
    public DateTimeOffset? ExplainedAt { get; set; }

    public DateTimeOffset? FinalisedAt { get; set; }

    /// <summary>Optimistic-concurrency token for status changes.</summary>
    public int Version { get; set; }
}
