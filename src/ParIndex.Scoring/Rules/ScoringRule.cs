namespace ParIndex.Scoring.Rules;

/// <summary>
/// How a leaf turns a <see cref="LeafInput"/> into points between 0 and the leaf's maximum.
/// A leaf has exactly one rule. The set of rules is closed: <see cref="ManualRule"/>,
/// <see cref="YesNoRule"/>, <see cref="TieredRule"/>, <see cref="RateRule"/>,
/// <see cref="DeductionRule"/> and <see cref="BonusPenaltyRule"/>.
/// </summary>
/// <remarks>
/// Every rule also accepts <see cref="LeafInput.Missing"/> (0 points, leaf still counted in the
/// maximum) and, except bonus/penalty, <see cref="LeafInput.NotApplicable"/> (no points, leaf removed
/// from the unit's maximum). Points are never rounded here.
/// </remarks>
public abstract class ScoringRule
{
    private protected ScoringRule()
    {
    }

    /// <summary>The kind of input this rule scores.</summary>
    public abstract LeafInputKind InputKind { get; }

    /// <summary>
    /// Whether the leaf's maximum is part of the framework's 100 points. False only for
    /// bonus/penalty leaves, whose points lie outside the 100.
    /// </summary>
    public virtual bool CountsTowardMaximum => true;

    /// <summary>Checks <paramref name="input"/> against this rule for a leaf worth <paramref name="maxPoints"/>.</summary>
    /// <returns><see cref="InputProblem.None"/> when the input can be scored.</returns>
    public InputProblem Check(decimal maxPoints, LeafInput input)
    {
        if (input.Kind == LeafInputKind.Missing)
        {
            return InputProblem.None;
        }

        if (input.Kind == LeafInputKind.NotApplicable)
        {
            return CountsTowardMaximum ? InputProblem.None : InputProblem.CannotBeNotApplicable;
        }

        if (input.Kind != InputKind)
        {
            return InputProblem.WrongKind;
        }

        // The sign bit is read directly (decimal comparisons are not inlined); −0 is not negative.
        if ((decimal.IsNegative(input.First) && input.First != 0m) || (decimal.IsNegative(input.Second) && input.Second != 0m))
        {
            return InputProblem.Negative;
        }

        return CheckValues(maxPoints, input);
    }

    /// <summary>
    /// The points earned for <paramref name="input"/>, between 0 and <paramref name="maxPoints"/>
    /// (bonus/penalty: between −penalty cap and +maximum). Missing and not-applicable inputs earn 0.
    /// </summary>
    /// <exception cref="ArgumentException">The input fails <see cref="Check"/>.</exception>
    public decimal Evaluate(decimal maxPoints, LeafInput input)
    {
        var problem = Check(maxPoints, input);
        if (problem != InputProblem.None)
        {
            throw new ArgumentException($"Input {input} cannot be scored by {this}: {problem}.", nameof(input));
        }

        return input.Kind is LeafInputKind.Missing or LeafInputKind.NotApplicable ? 0m : EvaluateValid(maxPoints, input);
    }

    /// <summary>Checks the numbers of an input of the right kind, both already known to be ≥ 0.</summary>
    internal abstract InputProblem CheckValues(decimal maxPoints, LeafInput input);

    /// <summary>Scores an input that passed <see cref="Check"/>.</summary>
    internal abstract decimal EvaluateValid(decimal maxPoints, LeafInput input);

    /// <summary>Reports what is wrong with this rule on a leaf worth <paramref name="maxPoints"/>.</summary>
    internal abstract IEnumerable<string> DefinitionProblems(decimal maxPoints);
}
