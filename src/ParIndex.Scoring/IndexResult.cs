using System.Globalization;

namespace ParIndex.Scoring;

/// <summary>
/// A unit's headline numbers: appraisal and survey points, bonus/penalty, total, applicable maximum
/// and index. Nothing here is rounded; round with <see cref="ScoreFormat"/> only to present.
/// </summary>
/// <remarks>
/// <para>total = appraisal + survey + bonus/penalty, kept within 0..applicable maximum: bonus points
/// can make up points lost elsewhere but cannot lift the index above 100, and penalties cannot take
/// it below 0.</para>
/// <para>index (%) = total ÷ applicable maximum × 100. C1 (Hanoi 2022, Sở Lao động - Thương binh và
/// Xã hội): (62,25 + 27,14) ÷ 97,5 × 100 = 91,68…%.</para>
/// </remarks>
public readonly record struct IndexResult
{
    private IndexResult(decimal appraisal, decimal survey, decimal bonusPenalty, decimal applicableMaximum,
        decimal? appraisalMaximum, decimal? surveyMaximum)
    {
        Appraisal = appraisal;
        Survey = survey;
        BonusPenalty = bonusPenalty;
        ApplicableMaximum = applicableMaximum;
        AppraisalMaximum = appraisalMaximum;
        SurveyMaximum = surveyMaximum;
        Total = Math.Clamp(appraisal + survey + bonusPenalty, 0m, applicableMaximum);
        Index = Total * 100m / applicableMaximum;
    }

    /// <summary>Appraisal points (điểm thẩm định).</summary>
    public decimal Appraisal { get; }

    /// <summary>Survey points (điểm điều tra xã hội học).</summary>
    public decimal Survey { get; }

    /// <summary>Net bonus (+) and penalty (−) points from outside the 100.</summary>
    public decimal BonusPenalty { get; }

    /// <summary>The unit's maximum after not-applicable leaves are removed (e.g. 97,5).</summary>
    public decimal ApplicableMaximum { get; }

    /// <summary>The applicable maximum of the appraisal component, when known.</summary>
    public decimal? AppraisalMaximum { get; }

    /// <summary>The applicable maximum of the survey component, when known.</summary>
    public decimal? SurveyMaximum { get; }

    /// <summary>appraisal + survey + bonus/penalty, kept within 0..<see cref="ApplicableMaximum"/>.</summary>
    public decimal Total { get; }

    /// <summary>Total ÷ applicable maximum × 100, in 0..100, unrounded.</summary>
    public decimal Index { get; }

    /// <summary>Appraisal ÷ appraisal maximum × 100, when that maximum is known and positive.</summary>
    public decimal? AppraisalPercent => AppraisalMaximum > 0m ? Appraisal * 100m / AppraisalMaximum.Value : null;

    /// <summary>Survey ÷ survey maximum × 100, when that maximum is known and positive.</summary>
    public decimal? SurveyPercent => SurveyMaximum > 0m ? Survey * 100m / SurveyMaximum.Value : null;

    /// <summary>Creates a unit's result from its component points.</summary>
    /// <param name="appraisal">Appraisal points, ≥ 0.</param>
    /// <param name="survey">Survey points, ≥ 0.</param>
    /// <param name="applicableMaximum">The unit's applicable maximum, &gt; 0; appraisal + survey may not exceed it.</param>
    /// <param name="bonusPenalty">Net bonus/penalty points (may be negative).</param>
    /// <param name="appraisalMaximum">The appraisal component's applicable maximum, if known (≥ appraisal).</param>
    /// <param name="surveyMaximum">The survey component's applicable maximum, if known (≥ survey).</param>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside the range given above.</exception>
    public static IndexResult Create(decimal appraisal, decimal survey, decimal applicableMaximum,
        decimal bonusPenalty = 0m, decimal? appraisalMaximum = null, decimal? surveyMaximum = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(appraisal);
        ArgumentOutOfRangeException.ThrowIfNegative(survey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(applicableMaximum);
        if (appraisal + survey > applicableMaximum)
        {
            throw new ArgumentOutOfRangeException(nameof(applicableMaximum), applicableMaximum,
                string.Create(CultureInfo.InvariantCulture, $"Appraisal {appraisal} + survey {survey} exceeds the maximum {applicableMaximum}."));
        }

        if (appraisal > appraisalMaximum || survey > surveyMaximum)
        {
            throw new ArgumentOutOfRangeException(nameof(appraisalMaximum), "A component's points exceed its maximum.");
        }

        if (appraisalMaximum + surveyMaximum > applicableMaximum)
        {
            throw new ArgumentOutOfRangeException(nameof(applicableMaximum), "The component maxima exceed the applicable maximum.");
        }

        return new IndexResult(appraisal, survey, bonusPenalty, applicableMaximum, appraisalMaximum, surveyMaximum);
    }
}
