namespace ParIndex.Scoring;

/// <summary>
/// Why a <see cref="LeafInput"/> cannot be scored by a leaf's rule. Codes rather than sentences, so
/// that each host can word them in the user's language.
/// </summary>
public enum InputProblem
{
    /// <summary>The input is acceptable.</summary>
    None = 0,

    /// <summary>The input is of a kind the leaf's rule does not take (e.g. a rate for a yes/no leaf).</summary>
    WrongKind,

    /// <summary>A number is below zero.</summary>
    Negative,

    /// <summary>Points are above the leaf's maximum.</summary>
    AboveMaximum,

    /// <summary>Points are not a multiple of the manual rule's step.</summary>
    NotOnStep,

    /// <summary>The tier index does not name one of the rule's tiers.</summary>
    UnknownTier,

    /// <summary>A rate's numerator is above its denominator.</summary>
    NumeratorAboveDenominator,

    /// <summary>A rate's denominator is zero: mark the leaf not applicable instead.</summary>
    ZeroDenominator,

    /// <summary>A count is not a whole number.</summary>
    NotWhole,

    /// <summary>A count is above <see cref="Rules.DeductionRule.MaxCount"/>.</summary>
    CountTooLarge,

    /// <summary>The leaf (a bonus/penalty leaf) cannot be marked not applicable.</summary>
    CannotBeNotApplicable,
}
