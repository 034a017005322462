namespace ParIndex.Core.Assessments;

/// <summary>What an appraisal round decided for one leaf.</summary>
public enum AppraisalDecision
{
    /// <summary>Not appraised in this round.</summary>
    None = 0,

    /// <summary>The score stands as it was.</summary>
    Accepted = 1,

    /// <summary>The council set another input, with a reason.</summary>
    Adjusted = 2,

    /// <summary>Round 2 only: the unit's explanation is accepted, so its self-assessment stands again.</summary>
    ExplanationAccepted = 3,
}
