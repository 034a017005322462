namespace ParIndex.Scoring.Surveys;

/// <summary>A question, as asked of one respondent group, feeding a survey leaf with a weight.</summary>
/// <param name="QuestionCode">The question.</param>
/// <param name="Group">The respondent group (e.g. "citizens"); groups are data.</param>
/// <param name="Weight">The weight of this question's answers within the group, &gt; 0.</param>
public sealed record SurveySource(string QuestionCode, string Group, decimal Weight = 1m);
