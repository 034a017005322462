namespace ParIndex.Core.Years;

/// <summary>One yearly assessment (e.g. the 2025 PAR Index, assessed early 2026), with its calendar.</summary>
public sealed class AssessmentYear
{
    public int Id { get; set; }

    /// <summary>The year assessed.</summary>
    public int Year { get; set; }

    public required string Title { get; set; }

    /// <summary>Seeded demo data, labelled as such in the UI.</summary>
    public bool IsDemo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<IndexClassRow> Classes { get; set; } = [];

    /// <summary>
    /// While a version of the results is proposed or published, nothing they are computed from may
    /// change (the database refuses it too); an administrator opens a correction to unlock.
    /// </summary>
    public bool ResultsLocked { get; set; }

    /// <summary>
    /// Since when survey responses have changed without the survey points being recomputed (an import
    /// stored with --no-score, online answers sent, a rescoring cut short); null when the points are current.
    /// Cleared in the rescoring's own transaction; a year left stale is rescored at the next start.
    /// </summary>
    public DateTimeOffset? SurveyStaleSince { get; set; }

    /// <summary>Why a correction of the published results was opened; null when none is open.</summary>
    public string? CorrectionReason { get; set; }

    /// <summary>Outstanding progress: places gained in the bloc (null: not a criterion).</summary>
    public int? ProgressRankGain { get; set; } = 5;

    /// <summary>Outstanding progress: index points gained (null: not a criterion).</summary>
    public decimal? ProgressIndexGain { get; set; } = 5m;

    /// <summary>How many of the top ranks of each bloc are proposed for an award (0: none).</summary>
    public int? AwardTop { get; set; } = 3;

    /// <summary>The year's outstanding-progress rule.</summary>
    public Scoring.Ranking.ProgressRule ProgressRule => new(ProgressRankGain, ProgressIndexGain);

    /// <summary>When self-assessment opens (UTC); null while the calendar is not set.</summary>
    public DateTimeOffset? SelfAssessmentOpens { get; set; }

    public DateTimeOffset? FirstRoundOpens { get; set; }

    public DateTimeOffset? ExplanationOpens { get; set; }

    public DateTimeOffset? SecondRoundOpens { get; set; }

    public DateTimeOffset? FinalisationOpens { get; set; }

    /// <summary>The phase at <paramref name="now"/>: a phase lasts from its opening until the next one opens.</summary>
    public AssessmentPhase PhaseAt(DateTimeOffset now)
    {
        if (SelfAssessmentOpens is null || now < SelfAssessmentOpens)
        {
            return AssessmentPhase.Preparation;
        }

        return now < FirstRoundOpens ? AssessmentPhase.SelfAssessment
            : now < ExplanationOpens ? AssessmentPhase.FirstRound
            : now < SecondRoundOpens ? AssessmentPhase.Explanation
            : now < FinalisationOpens ? AssessmentPhase.SecondRound
            : AssessmentPhase.Finalisation;
    }

    /// <summary>When <paramref name="phase"/> opens; null if the calendar is not set.</summary>
    public DateTimeOffset? Opens(AssessmentPhase phase) => phase switch
    {
        AssessmentPhase.SelfAssessment => SelfAssessmentOpens,
        AssessmentPhase.FirstRound => FirstRoundOpens,
        AssessmentPhase.Explanation => ExplanationOpens,
        AssessmentPhase.SecondRound => SecondRoundOpens,
        AssessmentPhase.Finalisation => FinalisationOpens,
        _ => null,
    };

    /// <summary>When <paramref name="phase"/> closes (the next phase opens); null for finalisation, which stays open.</summary>
    public DateTimeOffset? Closes(AssessmentPhase phase) => phase == AssessmentPhase.Finalisation ? null : Opens(phase + 1);

    /// <summary>Sets the five openings; they must all be given and strictly increase.</summary>
    /// <exception cref="ArgumentException">The dates are not in order.</exception>
    public void SetCalendar(IReadOnlyList<DateTimeOffset> openings)
    {
        ArgumentNullException.ThrowIfNull(openings);
        if (openings.Count != 5)
        {
            throw new ArgumentException("The calendar has five openings.", nameof(openings));
        }

        for (var i = 1; i < openings.Count; i++)
        {
            if (openings[i] <= openings[i - 1])
            {
                throw new ArgumentException($"Opening {i + 1} is not after opening {i}.", nameof(openings));
            }
        }

        (SelfAssessmentOpens, FirstRoundOpens, ExplanationOpens, SecondRoundOpens, FinalisationOpens) =
            (openings[0].ToUniversalTime(), openings[1].ToUniversalTime(), openings[2].ToUniversalTime(), openings[3].ToUniversalTime(), openings[4].ToUniversalTime());
    }

    /// <summary>The five openings in order (null if the calendar is not set).</summary>
    public IReadOnlyList<DateTimeOffset>? Calendar() => SelfAssessmentOpens is null
        ? null
        : [SelfAssessmentOpens.Value, FirstRoundOpens!.Value, ExplanationOpens!.Value, SecondRoundOpens!.Value, FinalisationOpens!.Value];
}
