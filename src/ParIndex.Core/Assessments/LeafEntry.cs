using ParIndex.Core.Evidence;
using ParIndex.Scoring;

namespace ParIndex.Core.Assessments;

/// <summary>
/// One leaf of one unit in one year through the workflow: the unit's self-assessment (input and note),
/// appraisal round 1 (decision, input, reason, flag), the unit's response, and round 2.
/// <see cref="Version"/> is the optimistic-concurrency token: a save names the version it started from.
/// </summary>
public sealed class LeafEntry
{
    public long Id { get; set; }

    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public int NodeId { get; set; }

    public LeafInputKind SelfKind { get; set; }

    public decimal SelfFirst { get; set; }

    public decimal SelfSecond { get; set; }

    /// <summary>How the unit scored itself (required where evidence is required but missing).</summary>
    public string SelfNote { get; set; } = "";

    public AppraisalDecision FirstDecision { get; set; }

    public LeafInputKind FirstKind { get; set; }

    public decimal FirstFirst { get; set; }

    public decimal FirstSecond { get; set; }

    public string FirstReason { get; set; } = "";

    /// <summary>
    /// Round 1 asked the unit to explain this leaf: a decision of its own, alone (the score waits for the
    /// explanation) or beside an acceptance or adjustment.
    /// </summary>
    public bool Flagged { get; set; }

    /// <summary>The unit's explanation (giải trình).</summary>
    public string Response { get; set; } = "";

    public AppraisalDecision SecondDecision { get; set; }

    public LeafInputKind SecondKind { get; set; }

    public decimal SecondFirst { get; set; }

    public decimal SecondSecond { get; set; }

    public string SecondReason { get; set; } = "";

    public int Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public int? UpdatedBy { get; set; }

    public List<LeafEvidence> Evidence { get; set; } = [];

    public LeafInput SelfInput
    {
        get => LeafInput.FromParts(SelfKind, SelfFirst, SelfSecond);
        set => (SelfKind, SelfFirst, SelfSecond) = (value.Kind, value.First, value.Second);
    }

    /// <summary>Round 1's input: the adjusted one, or the self-assessment when accepted (or only asked to explain).</summary>
    public LeafInput FirstInput
    {
        get => FirstDecision == AppraisalDecision.Adjusted ? LeafInput.FromParts(FirstKind, FirstFirst, FirstSecond) : SelfInput;
        set => (FirstKind, FirstFirst, FirstSecond) = (value.Kind, value.First, value.Second);
    }

    /// <summary>Round 2's input: the adjusted one, the self-assessment when the explanation is accepted, or round 1's when kept.</summary>
    public LeafInput SecondInput
    {
        get => SecondDecision switch
        {
            AppraisalDecision.Adjusted => LeafInput.FromParts(SecondKind, SecondFirst, SecondSecond),
            AppraisalDecision.ExplanationAccepted => SelfInput,
            _ => FirstInput,
        };
        set => (SecondKind, SecondFirst, SecondSecond) = (value.Kind, value.First, value.Second);
    }

    /// <summary>Whether the unit is asked to explain this leaf: flagged, or adjusted in round 1.</summary>
    public bool NeedsExplanation => Flagged || FirstDecision == AppraisalDecision.Adjusted;

    /// <summary>The settled input: round 2 where it decided, otherwise round 1, otherwise the self-assessment.</summary>
    public LeafInput FinalInput => SecondDecision != AppraisalDecision.None ? SecondInput : FirstInput;
}
