using ParIndex.Core.Assessments;

namespace ParIndex.Core.Years;

/// <summary>Every unit's state in a year, with counts per bloc and status.</summary>
public sealed record YearDashboard(AssessmentYear Year, AssessmentPhase Phase, IReadOnlyList<DashboardRow> Units)
{
    public IEnumerable<(string Bloc, IReadOnlyDictionary<UnitStatus, int> Counts)> CountsPerBloc =>
        Units.GroupBy(u => u.BlocName).Select(g => (g.Key,
            (IReadOnlyDictionary<UnitStatus, int>)Enum.GetValues<UnitStatus>().ToDictionary(s => s, s => g.Count(u => u.Status == s))));
}
