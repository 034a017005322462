namespace ParIndex.Scoring.Surveys;

/// <summary>How a survey question is answered.</summary>
public enum QuestionKind
{
    /// <summary>A point on a scale, e.g. 1 (very dissatisfied) to 5 (very satisfied).</summary>
    Scale,

    /// <summary>Yes (1) or no (0).</summary>
    YesNo,

    /// <summary>One option out of several, each worth some points.</summary>
    Choice,
}
