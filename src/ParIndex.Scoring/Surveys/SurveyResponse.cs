namespace ParIndex.Scoring.Surveys;

/// <summary>One respondent's answers: their group and one answer per question of the design, in the design's order.</summary>
/// <param name="Group">The respondent group.</param>
/// <param name="Answers">One answer per question (<see cref="SurveyQuestion.NoAnswer"/> where none).</param>
public readonly record struct SurveyResponse(string Group, short[] Answers);
