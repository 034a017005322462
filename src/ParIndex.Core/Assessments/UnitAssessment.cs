using ParIndex.Core.Accounts;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Units;
using ParIndex.Core.Years;
using ParIndex.Scoring;

namespace ParIndex.Core.Assessments;

/// <summary>
/// One unit's assessment in one year as seen by one actor at one moment: what they may read and do.
/// Every rule of the workflow's state machine and of the unit scope lives here, so the API, the pages
/// and the tests ask the same questions.
/// </summary>
public sealed class UnitAssessment
{
    internal UnitAssessment(Actor actor, DateTimeOffset now, AssessmentYear year, YearUnit yearUnit, Unit unit,
        StoredFramework framework, IReadOnlyList<FrameworkNodeRow> nodes, IReadOnlyList<AppraiserAssignment> assignments,
        IReadOnlyList<DeadlineExtension> extensions, bool proposed)
    {
        Proposed = proposed;
        Actor = actor;
        Now = now;
        Year = year;
        YearUnit = yearUnit;
        Unit = unit;
        Framework = framework;
        NodesByCode = nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        Assignments = assignments;
        Extensions = extensions;
    }

    public Actor Actor { get; }

    public DateTimeOffset Now { get; }

    public AssessmentYear Year { get; }

    public YearUnit YearUnit { get; }

    public Unit Unit { get; }

    public StoredFramework Framework { get; }

    public IReadOnlyDictionary<string, FrameworkNodeRow> NodesByCode { get; }

    public IReadOnlyList<AppraiserAssignment> Assignments { get; }

    public IReadOnlyList<DeadlineExtension> Extensions { get; }

    /// <summary>The year's results have been proposed for publication (or published): finalisations stand from then on.</summary>
    public bool Proposed { get; }

    public AssessmentPhase Phase => Year.PhaseAt(Now);

    public UnitStatus Status => YearUnit.Status;

    /// <summary>The leaves the unit scores itself: every appraisal leaf (survey leaves come from the survey).</summary>
    public IEnumerable<FrameworkNode> AppraisalLeaves => Framework.Framework.Leaves.Where(l => l.Component == Component.Appraisal);

    /// <summary>The area (top-level node) a node belongs to.</summary>
    public static FrameworkNode AreaOf(FrameworkNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        while (node.Parent is not null)
        {
            node = node.Parent;
        }

        return node;
    }

    private bool IsCouncilFor(string? areaCode) =>
        Actor.Is(Roles.Secretary)
        || (Actor.Is(Roles.Appraiser) && Assignments.Any(a => areaCode is null
            ? a.UnitId is null || a.UnitId == Unit.Id
            : a.Covers(Unit.Id, areaCode)));

    public bool CanRead => Actor.ReadsEverything || Actor.IsOwnUnit(Unit.Id) || IsCouncilFor(null);

    /// <summary>Appraisers assigned to some areas only see those areas; everyone else who can read sees all.</summary>
    public bool SeesArea(string areaCode) =>
        !Actor.Is(Roles.Appraiser) || Assignments.Any(a => a.Covers(Unit.Id, areaCode));

    /// <summary>
    /// Whether the unit may act in a unit-side phase now: the phase is open, or it has passed and the
    /// unit has an extension that has not run out.
    /// </summary>
    public bool UnitWindowOpen(AssessmentPhase phase)
    {
        var current = Phase;
        if (current == phase)
        {
            return true;
        }

        return current > phase && Extensions.Any(e => e.Phase == phase && e.Until > Now);
    }

    /// <summary>The unit's own deadline for a unit-side phase: the calendar's, or a later extension.</summary>
    public DateTimeOffset? UnitDeadline(AssessmentPhase phase)
    {
        var closes = Year.Closes(phase);
        var extension = Extensions.Where(e => e.Phase == phase).Select(e => (DateTimeOffset?)e.Until).Max();
        return extension > closes ? extension : closes;
    }

    private bool IsUnitUser => Actor.IsOwnUnit(Unit.Id);

    public bool CanEditSelf => IsUnitUser && Status is UnitStatus.NotStarted or UnitStatus.Drafting && UnitWindowOpen(AssessmentPhase.SelfAssessment);

    public bool CanSubmit => CanEditSelf && Actor.Is(Roles.UnitHead);

    /// <summary>The council's current round for this unit: 1, 2, or 0 when it is not being appraised.</summary>
    public int Round => Status switch
    {
        UnitStatus.Submitted => 1,
        UnitStatus.InAppraisal => YearUnit.ExplainedAt is null ? 1 : 2,
        _ => 0,
    };

    public bool CanAppraise(FrameworkNode leaf, LeafEntry? entry)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        if (leaf.Component != Component.Appraisal || !IsCouncilFor(AreaOf(leaf).Code))
        {
            return false;
        }

        return Round switch
        {
            1 => FirstRoundOpen,
            2 => Phase is AssessmentPhase.SecondRound or AssessmentPhase.Finalisation && entry is { NeedsExplanation: true },
            _ => false,
        };
    }

    /// <summary>
    /// Round 1 runs in its phase and, for a unit whose round 1 is still open (late, or reopened by the
    /// secretary), on through the explanation phase.
    /// </summary>
    private bool FirstRoundOpen => Phase is AssessmentPhase.FirstRound or AssessmentPhase.Explanation;

    public bool CanCloseFirstRound =>
        IsCouncilFor(null) && FirstRoundOpen && Round == 1;

    /// <summary>
    /// The secretary sends a submitted self-assessment back to the unit (with a reason) until round 1
    /// closes for it; the round-1 decisions taken so far are withdrawn with it.
    /// </summary>
    public bool CanReturnToUnit => Actor.Is(Roles.Secretary) && !Year.ResultsLocked
        && Status is UnitStatus.Submitted or UnitStatus.InAppraisal && YearUnit.FirstRoundClosedAt is null;

    /// <summary>The secretary reopens a unit's closed round 1 (with a reason) until the explanation phase closes.</summary>
    public bool CanReopenFirstRound => Actor.Is(Roles.Secretary) && !Year.ResultsLocked
        && YearUnit.FirstRoundClosedAt is not null && Status is UnitStatus.Explaining or UnitStatus.InAppraisal
        && Phase <= AssessmentPhase.Explanation;

    /// <summary>The secretary takes back a unit's finalisation (with a reason) until the year's results are proposed.</summary>
    public bool CanUnfinalise => Actor.Is(Roles.Secretary) && Status == UnitStatus.Final && !Year.ResultsLocked && !Proposed;

    public bool CanRespond => IsUnitUser && Status == UnitStatus.Explaining && UnitWindowOpen(AssessmentPhase.Explanation);

    public bool CanSendExplanation => CanRespond && Actor.Is(Roles.UnitHead);

    /// <summary>A correction of the year's published results is open and the unit is final: the secretary amends settled scores.</summary>
    public bool CanAmendFinal => Actor.Is(Roles.Secretary) && Status == UnitStatus.Final && Year.CorrectionReason is not null && !Year.ResultsLocked;

    public bool CanFinalise => Actor.Is(Roles.Secretary) && Phase == AssessmentPhase.Finalisation
        && Status is UnitStatus.InAppraisal or UnitStatus.Explaining;
}
