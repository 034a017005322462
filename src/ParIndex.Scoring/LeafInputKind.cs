namespace ParIndex.Scoring;

/// <summary>What a <see cref="LeafInput"/> carries; each scoring rule accepts exactly one kind.</summary>
public enum LeafInputKind
{
    /// <summary>Nothing entered yet: the leaf scores 0 and still counts towards the maximum.</summary>
    Missing = 0,

    /// <summary>Không đánh giá: the leaf does not apply to this unit and is removed from its maximum.</summary>
    NotApplicable,

    /// <summary>Points entered directly (<see cref="Rules.ManualRule"/>).</summary>
    Points,

    /// <summary>A yes/no answer (<see cref="Rules.YesNoRule"/>).</summary>
    YesNo,

    /// <summary>The index of the tier reached (<see cref="Rules.TieredRule"/>).</summary>
    Tier,

    /// <summary>A numerator and a denominator (<see cref="Rules.RateRule"/>).</summary>
    Rate,

    /// <summary>A count of violations (<see cref="Rules.DeductionRule"/>).</summary>
    Count,

    /// <summary>Bonus points earned and penalty points incurred (<see cref="Rules.BonusPenaltyRule"/>).</summary>
    BonusPenalty,
}
