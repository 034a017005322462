using ParIndex.Core.Assessments;

namespace ParIndex.Core.Years;

/// <summary>
/// Opening the next phase now: which phase opens, which closes, and how many units it touches — the
/// units whose own deadline falls with it (self-assessment not sent, explanation not sent, unless
/// extended), or those the council has not finished (round 1, round 2), or, from preparation, the units
/// that start. Told before (the confirmation) and after (the report).
/// </summary>
public sealed record PhaseChange(AssessmentPhase Opening, AssessmentPhase Closing, int Affected)
{
    /// <summary>The consequence, asked before the change.</summary>
    public string Preview => Messages.Get($"PhaseConfirm_{Closing}", Messages.Get($"Phase_{Opening}"), Affected, Messages.Get($"Phase_{Closing}"));

    /// <summary>What changed, said after it.</summary>
    public string Report => Messages.Get($"PhaseOpened_{Closing}", Messages.Get($"Phase_{Opening}"), Affected);

    /// <summary>The change that opening the phase after <paramref name="current"/> would make to <paramref name="units"/> at <paramref name="now"/>; null after finalisation.</summary>
    public static PhaseChange? Next(AssessmentPhase current, IReadOnlyList<DashboardRow> units, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(units);
        if (current == AssessmentPhase.Finalisation)
        {
            return null;
        }

        bool NotExtended(DashboardRow u) => !(u.ExtendedUntil > now);
        var affected = current switch
        {
            AssessmentPhase.Preparation => units.Count,
            AssessmentPhase.SelfAssessment => units.Count(u => u.Status is UnitStatus.NotStarted or UnitStatus.Drafting && NotExtended(u)),
            AssessmentPhase.FirstRound => units.Count(u => u.Status is UnitStatus.Submitted or UnitStatus.InAppraisal),
            AssessmentPhase.Explanation => units.Count(u => u.Status == UnitStatus.Explaining && NotExtended(u)),
            _ => units.Count(u => u.Status is UnitStatus.InAppraisal),
        };
        return new PhaseChange(current + 1, current, affected);
    }
}
