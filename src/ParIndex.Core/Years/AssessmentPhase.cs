namespace ParIndex.Core.Years;

/// <summary>
/// Where an assessment year stands on its calendar. Each phase runs from its opening time until the
/// next phase opens; the numbers are stored (deadline extensions name a phase).
/// </summary>
public enum AssessmentPhase
{
    /// <summary>Before self-assessment opens (or no calendar yet): the framework and units can be edited.</summary>
    Preparation = 0,

    /// <summary>Units enter their self-assessment; unit heads submit.</summary>
    SelfAssessment = 1,

    /// <summary>Appraisal round 1: the council accepts, adjusts or flags each leaf.</summary>
    FirstRound = 2,

    /// <summary>Units answer flagged and adjusted leaves.</summary>
    Explanation = 3,

    /// <summary>Appraisal round 2: the council settles the explained leaves.</summary>
    SecondRound = 4,

    /// <summary>The secretary finalises units; final scores feed the engine.</summary>
    Finalisation = 5,
}
