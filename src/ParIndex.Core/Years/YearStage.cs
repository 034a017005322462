namespace ParIndex.Core.Years;

/// <summary>
/// Where a year really stands, for people to read: its calendar phase while units are still being
/// assessed; once every unit is final, finalised; then proposed and published (whatever the calendar says).
/// </summary>
public enum YearStage
{
    Preparation = 0,
    SelfAssessment = 1,
    FirstRound = 2,
    Explanation = 3,
    SecondRound = 4,
    Finalisation = 5,

    /// <summary>Every unit's result is final.</summary>
    Finalised = 6,

    /// <summary>A version of the results waits for the decision.</summary>
    Proposed = 7,

    /// <summary>The results are published (a correction may be open).</summary>
    Published = 8,
}
