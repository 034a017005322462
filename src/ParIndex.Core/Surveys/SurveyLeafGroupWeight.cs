namespace ParIndex.Core.Surveys;

/// <summary>The weight of one respondent group in one survey leaf.</summary>
public sealed class SurveyLeafGroupWeight
{
    public int AssessmentYearId { get; set; }

    public required string LeafCode { get; set; }

    public int GroupId { get; set; }

    public decimal Weight { get; set; }
}
