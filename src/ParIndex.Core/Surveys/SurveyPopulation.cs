namespace ParIndex.Core.Surveys;

/// <summary>How many people a unit's group has (the population the sample planner sizes samples from).</summary>
public sealed class SurveyPopulation
{
    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public int GroupId { get; set; }

    public int Population { get; set; }
}
