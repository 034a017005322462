namespace ParIndex.Core.Surveys;

/// <summary>An invitation code to the public form for one unit and group: one response each.</summary>
public sealed class SurveyInvitation
{
    public int Id { get; set; }

    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public int GroupId { get; set; }

    public required string Code { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public long? RespondentId { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }
}
