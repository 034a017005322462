using ParIndex.Core.Years;
using ParIndex.Scoring;

namespace ParIndex.Core.Assessments;

/// <summary>One unit's assessment as shown to one person: every leaf they may see, what they may do, the progress.</summary>
public sealed record UnitSheet(
    int Year,
    int UnitId,
    string UnitCode,
    string UnitName,
    string BlocName,
    UnitStatus Status,
    AssessmentPhase Phase,
    int Round,
    DateTimeOffset? SelfAssessmentDeadline,
    DateTimeOffset? ExplanationDeadline,
    SheetActions Actions,
    SheetProgress Progress,
    SheetProgress? Appraised,
    IReadOnlyList<SheetArea> Areas,
    IReadOnlyList<FieldProblem> SubmitProblems)
{
    /// <summary>When the year's results are locked (proposed or published): why, in words; null otherwise.</summary>
    public string? LockedBecause { get; init; }

    /// <summary>
    /// The leaves that wait for the viewer now: for the unit while drafting, those not entered or missing
    /// evidence; while explaining, those asked and not answered; for the council, those without a decision
    /// in the current round.
    /// </summary>
    public IReadOnlySet<string> NeedsViewer => field ??= Areas.SelectMany(a => a.Leaves)
        .Where(l => SubmitProblems.Any(p => p.Field == l.Code)
            || (Actions.Respond && l.NeedsExplanation && l.Response.Length == 0)
            || (l.CanAppraise && (Round == 1 ? l.FirstDecision == AppraisalDecision.None && !l.Flagged : l.SecondDecision == AppraisalDecision.None)))
        .Select(l => l.Code)
        .ToHashSet(StringComparer.Ordinal);

    /// <summary>Whether anything of the appraisal has begun (otherwise the appraisal, explanation and final columns are empty and left out).</summary>
    public bool AppraisalStarted => Round > 0 || Status >= UnitStatus.Submitted
        || Areas.Any(a => a.Leaves.Any(l => l.FirstDecision != AppraisalDecision.None || l.Flagged));
}

/// <summary>What the viewer may do on the unit as a whole.</summary>
public sealed record SheetActions(bool EditSelf, bool Submit, bool CloseFirstRound, bool Respond, bool SendExplanation, bool Finalise)
{
    /// <summary>During a correction of published results: the secretary may amend settled scores.</summary>
    public bool AmendFinal { get; init; }

    /// <summary>The secretary may return the submitted self-assessment to the unit.</summary>
    public bool ReturnToUnit { get; init; }

    /// <summary>The secretary may reopen the unit's closed round 1.</summary>
    public bool ReopenFirstRound { get; init; }

    /// <summary>The secretary may take back the unit's finalisation.</summary>
    public bool Unfinalise { get; init; }
}

/// <summary>
/// Progress of a set of inputs (the self-assessment, or the council's settled inputs): leaves entered of
/// those to enter, appraisal points, and the appraisal index so far (missing leaves count as 0).
/// </summary>
public sealed record SheetProgress(int Done, int Total, decimal Points, decimal Maximum, decimal Index);

public sealed record SheetArea(string Code, string Name, decimal MaxPoints, IReadOnlyList<SheetLeaf> Leaves);

/// <summary>A leaf with its rule, the unit's self-assessment, both appraisal rounds and the explanation.</summary>
public sealed record SheetLeaf(
    string Code,
    string Name,
    string CriterionName,
    decimal MaxPoints,
    SheetRule Rule,
    bool EvidenceRequired,
    int Version,
    SheetInput Self,
    string SelfNote,
    AppraisalDecision FirstDecision,
    SheetInput? FirstInput,
    string FirstReason,
    bool Flagged,
    string Response,
    AppraisalDecision SecondDecision,
    SheetInput? SecondInput,
    string SecondReason,
    decimal? FinalPoints,
    bool CanAppraise,
    bool NeedsExplanation,
    IReadOnlyList<SheetEvidence> Evidence);

/// <summary>An input with the points its rule gives (null when not scorable).</summary>
public sealed record SheetInput(LeafInputKind Kind, decimal First, decimal Second, decimal? Points);

/// <summary>A leaf's rule as the form needs it: the input kind, its parameters, and for tiered rules the levels.</summary>
public sealed record SheetRule(string Kind, LeafInputKind InputKind, bool CanBeNotApplicable, decimal? Step, decimal? FullThreshold, decimal? Floor,
    decimal? PointsPerCount, decimal? PenaltyCap, IReadOnlyList<SheetTier> Tiers)
{
    /// <summary>The engine's rule as forms and pages describe it.</summary>
    public static SheetRule From(Scoring.Rules.ScoringRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return new SheetRule(Frameworks.RuleCodec.KindOf(rule), rule.InputKind, rule.CountsTowardMaximum,
            (rule as Scoring.Rules.ManualRule)?.Step,
            (rule as Scoring.Rules.RateRule)?.FullThreshold,
            (rule as Scoring.Rules.RateRule)?.Floor,
            (rule as Scoring.Rules.DeductionRule)?.PointsPerCount,
            (rule as Scoring.Rules.BonusPenaltyRule)?.PenaltyCap,
            rule is Scoring.Rules.TieredRule t ? [.. t.Tiers.Select((x, i) => new SheetTier(i, x.Label, x.Points))] : []);
    }
}

public sealed record SheetTier(int Index, string Label, decimal Points);

public sealed record SheetEvidence(int Id, string FileName, long SizeBytes, string Stage);

/// <summary>Who last decided a leaf in round 1 and in round 2, and when.</summary>
public sealed record LeafTrail(string? FirstBy, DateTimeOffset? FirstAt, string? SecondBy, DateTimeOffset? SecondAt);
