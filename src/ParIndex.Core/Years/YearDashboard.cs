using ParIndex.Core.Assessments;

namespace ParIndex.Core.Years;

/// <summary>
/// Every unit's state in a year, with counts per bloc and status; the year's real stage; and what opening
/// the next phase now would do (null after finalisation).
/// </summary>
public sealed record YearDashboard(AssessmentYear Year, AssessmentPhase Phase, IReadOnlyList<DashboardRow> Units)
{
    public YearStage Stage { get; init; } = (YearStage)Phase;

    public PhaseChange? NextPhase { get; init; }

    /// <summary>When the dashboard was read (UTC).</summary>
    public DateTimeOffset Generated { get; init; }

    public IEnumerable<(string Bloc, IReadOnlyDictionary<UnitStatus, int> Counts)> CountsPerBloc =>
        Units.GroupBy(u => u.BlocName).Select(g => (g.Key,
            (IReadOnlyDictionary<UnitStatus, int>)Enum.GetValues<UnitStatus>().ToDictionary(s => s, s => g.Count(u => u.Status == s))));
}
