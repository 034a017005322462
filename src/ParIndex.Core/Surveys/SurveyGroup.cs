namespace ParIndex.Core.Surveys;

/// <summary>A respondent group of a year's survey (leaders and managers, civil servants, citizens, businesses…): groups are data.</summary>
public sealed class SurveyGroup
{
    public int Id { get; set; }

    public int AssessmentYearId { get; set; }

    /// <summary>The code used in response files (e.g. "nguoidan").</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    public int SortOrder { get; set; }
}
