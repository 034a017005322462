namespace ParIndex.Core.Surveys;

/// <summary>
/// One respondent's answers, indexed by question position (<see cref="Scoring.Surveys.SurveyQuestion.NoAnswer"/> or <see cref="Scoring.Surveys.SurveyQuestion.DontKnow"/>
/// where none). Imported respondents are submitted; an online one counts once submitted, and keeps its
/// partial answers until then.
/// </summary>
public sealed class SurveyRespondent
{
    public long Id { get; set; }

    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public int GroupId { get; set; }

    /// <summary>Unique in the year: the file's respondent id, or "online:" + the invitation code.</summary>
    public required string RespondentKey { get; set; }

    public int? ImportId { get; set; }

    public short[] Answers { get; set; } = [];

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }
}
