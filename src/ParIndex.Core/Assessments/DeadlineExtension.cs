using ParIndex.Core.Years;

namespace ParIndex.Core.Assessments;

/// <summary>An administrator's extension of one unit's deadline for a unit-side phase (self-assessment or explanation).</summary>
public sealed class DeadlineExtension
{
    public int Id { get; set; }

    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    /// <summary><see cref="AssessmentPhase.SelfAssessment"/> or <see cref="AssessmentPhase.Explanation"/>.</summary>
    public AssessmentPhase Phase { get; set; }

    /// <summary>The unit may still act in that phase until this time (UTC).</summary>
    public DateTimeOffset Until { get; set; }

    public required string Reason { get; set; }

    public int GrantedBy { get; set; }

    public DateTimeOffset GrantedAt { get; set; }
}
