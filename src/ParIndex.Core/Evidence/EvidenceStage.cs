namespace ParIndex.Core.Evidence;

/// <summary>When a document was linked to a leaf.</summary>
public enum EvidenceStage
{
    /// <summary>With the self-assessment.</summary>
    SelfAssessment = 1,

    /// <summary>With the explanation, as new evidence.</summary>
    Explanation = 2,
}
