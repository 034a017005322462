namespace ParIndex.Scoring;

/// <summary>
/// Where a leaf's points come from. The national provincial framework splits its 100 points into
/// 68 appraisal points and 32 survey points.
/// </summary>
public enum Component
{
    /// <summary>Điểm thẩm định: the unit scores itself with evidence and the council verifies.</summary>
    Appraisal = 1,

    /// <summary>Điểm điều tra xã hội học: computed from questionnaires (citizen satisfaction is part of it).</summary>
    Survey = 2,
}
