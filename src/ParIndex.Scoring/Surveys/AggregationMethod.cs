namespace ParIndex.Scoring.Surveys;

/// <summary>How a survey leaf turns answers into a score between 0 and 1 (then × the leaf's maximum).</summary>
public enum AggregationMethod
{
    /// <summary>The weighted mean of the answers, each rescaled to 0..1 ((value − lowest) ÷ (highest − lowest)).</summary>
    MeanScore,

    /// <summary>The weighted share of positive answers (e.g. 4 or 5 on a 5-point scale; yes).</summary>
    PositiveShare,
}
