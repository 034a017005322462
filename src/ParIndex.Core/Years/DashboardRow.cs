using ParIndex.Core.Assessments;

namespace ParIndex.Core.Years;

/// <summary>
/// One unit on the administrator's dashboard: where it stands, its own deadline (the calendar's, or a
/// later extension: <paramref name="ExtendedUntil"/>), and whether it is late.
/// </summary>
public sealed record DashboardRow(string UnitCode, string UnitName, string BlocName, UnitStatus Status, DateTimeOffset? Deadline, bool Late,
    DateTimeOffset? ExtendedUntil = null)
{
    /// <summary>Leaves the unit has entered in its self-assessment.</summary>
    public int Entered { get; init; }

    /// <summary>Leaves the unit has to enter (its framework's appraisal leaves that count toward the maximum).</summary>
    public int ToEnter { get; init; }

    /// <summary>Entered leaves that need evidence and have neither a document nor a written explanation.</summary>
    public int EvidenceMissing { get; init; }

    /// <summary>When anyone last changed one of the unit's leaves.</summary>
    public DateTimeOffset? LastActivity { get; init; }
}
