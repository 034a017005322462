using ParIndex.Core.Assessments;

namespace ParIndex.Core.Years;

/// <summary>
/// One unit on the administrator's dashboard: where it stands, its own deadline (the calendar's, or a
/// later extension: <paramref name="ExtendedUntil"/>), and whether it is late.
/// </summary>
public sealed record DashboardRow(string UnitCode, string UnitName, string BlocName, UnitStatus Status, DateTimeOffset? Deadline, bool Late,
    DateTimeOffset? ExtendedUntil = null);
