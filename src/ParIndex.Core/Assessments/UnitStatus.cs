namespace ParIndex.Core.Assessments;

/// <summary>A unit's place in the year's workflow (stored as a number).</summary>
public enum UnitStatus
{
    /// <summary>Nothing entered yet.</summary>
    NotStarted = 0,

    /// <summary>The unit is entering its self-assessment.</summary>
    Drafting = 1,

    /// <summary>The unit head submitted; the unit's entries are read-only.</summary>
    Submitted = 2,

    /// <summary>The council is appraising (round 1, or round 2 once the unit has explained).</summary>
    InAppraisal = 3,

    /// <summary>Round 1 is closed for the unit; it answers flagged and adjusted leaves.</summary>
    Explaining = 4,

    /// <summary>The secretary finalised the unit; its final scores are in the results.</summary>
    Final = 5,
}
