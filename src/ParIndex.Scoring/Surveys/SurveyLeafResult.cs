namespace ParIndex.Scoring.Surveys;

/// <summary>A survey leaf's result for one unit.</summary>
/// <param name="LeafCode">The framework leaf.</param>
/// <param name="Score">The score in 0..1; null when nobody answered any of its questions.</param>
/// <param name="Points">Score × the leaf's maximum; null with the score.</param>
/// <param name="Respondents">How many respondents answered at least one of its questions, per group.</param>
public sealed record SurveyLeafResult(string LeafCode, decimal? Score, decimal? Points, IReadOnlyDictionary<string, int> Respondents);
