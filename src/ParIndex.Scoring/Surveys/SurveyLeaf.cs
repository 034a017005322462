namespace ParIndex.Scoring.Surveys;

/// <summary>
/// How one survey leaf of the framework is scored: from which questions and groups, with which weights,
/// by which method. The leaf's score in 0..1 is the group-weighted mean of each group's score; a
/// group's score is the question-weighted mean (or positive share) of all its answers to those
/// questions, missing answers left out. Groups without any answer drop out and the others' weights are
/// renormalised. Points = score × the leaf's maximum.
/// </summary>
/// <param name="LeafCode">The framework leaf's code.</param>
/// <param name="Method">Mean score or positive share.</param>
/// <param name="Sources">The questions and groups that feed the leaf.</param>
/// <param name="GroupWeights">Each group's weight (&gt; 0); a group not listed weighs 1.</param>
public sealed record SurveyLeaf(string LeafCode, AggregationMethod Method, IReadOnlyList<SurveySource> Sources,
    IReadOnlyDictionary<string, decimal>? GroupWeights = null)
{
    /// <summary>The weight of a group in this leaf.</summary>
    public decimal GroupWeight(string group) => GroupWeights is not null && GroupWeights.TryGetValue(group, out var w) ? w : 1m;

    /// <summary>The formula in words, for display next to a score.</summary>
    public string Formula => Method == AggregationMethod.MeanScore
        ? "Σ_g W_g·(Σ w·(x−min)/(max−min) ÷ Σ w) ÷ Σ_g W_g × max"
        : "Σ_g W_g·(Σ w·[x positive] ÷ Σ w) ÷ Σ_g W_g × max";
}
