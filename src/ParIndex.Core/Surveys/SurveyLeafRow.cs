using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Surveys;

/// <summary>How a survey leaf of the year is aggregated, with its group weights (a group not listed weighs 1).</summary>
public sealed class SurveyLeafRow
{
    public int AssessmentYearId { get; set; }

    public required string LeafCode { get; set; }

    public AggregationMethod Method { get; set; }

    public List<SurveyLeafGroupWeight> GroupWeights { get; set; } = [];
}
