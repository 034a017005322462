namespace ParIndex.Scoring.Surveys;

/// <summary>A unit as the bootstrap sees it.</summary>
/// <param name="Code">The unit's code.</param>
/// <param name="Bloc">Its bloc: ranks are within blocs.</param>
/// <param name="FixedPoints">The points that do not come from the survey (appraisal ± bonus/penalty); they do not vary.</param>
/// <param name="ApplicableMaximum">The unit's applicable maximum (&gt; 0).</param>
/// <param name="SurveyMaxima">The maximum of each survey leaf that applies to the unit, by leaf code.</param>
/// <param name="Responses">The unit's respondents.</param>
public sealed record BootstrapUnit(string Code, string Bloc, decimal FixedPoints, decimal ApplicableMaximum,
    IReadOnlyDictionary<string, decimal> SurveyMaxima, IReadOnlyList<SurveyResponse> Responses);
