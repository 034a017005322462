using System.Globalization;

namespace ParIndex.Scoring.Rules;

/// <summary>
/// A rate against thresholds. The inputs are a numerator and a denominator (e.g. 39 plan tasks done
/// of 133 assigned); rate = numerator ÷ denominator, a fraction between 0 and 1.
/// <list type="bullet">
/// <item>rate ≥ <see cref="FullThreshold"/>: the leaf's maximum;</item>
/// <item><see cref="Floor"/> ≤ rate &lt; <see cref="FullThreshold"/>: proportional,
/// maximum × rate ÷ full threshold (so a threshold of 100% gives maximum × rate);</item>
/// <item>rate &lt; <see cref="Floor"/>: 0.</item>
/// </list>
/// A denominator of zero has no rate: such a leaf is marked not applicable for the unit instead.
/// </summary>
public sealed class RateRule : ScoringRule
{
    /// <summary>Creates a rate rule; thresholds are fractions (0.8 means 80%).</summary>
    /// <param name="fullThreshold">The rate that earns the maximum, in (0, 1].</param>
    /// <param name="floor">The lowest rate that earns any points, in [0, <paramref name="fullThreshold"/>].</param>
    public RateRule(decimal fullThreshold, decimal floor)
    {
        if (fullThreshold <= 0m || fullThreshold > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(fullThreshold), fullThreshold, "The full threshold must be in (0, 1].");
        }

        if (floor < 0m || floor > fullThreshold)
        {
            throw new ArgumentOutOfRangeException(nameof(floor), floor, "The floor must be between 0 and the full threshold.");
        }

        FullThreshold = fullThreshold;
        Floor = floor;
    }

    /// <summary>The rate, as a fraction, at and above which the leaf earns its maximum.</summary>
    public decimal FullThreshold { get; }

    /// <summary>The rate, as a fraction, below which the leaf earns 0.</summary>
    public decimal Floor { get; }

    /// <inheritdoc />
    public override LeafInputKind InputKind => LeafInputKind.Rate;

    /// <summary>numerator ÷ denominator, unrounded. C6: 39 of 133 tasks is 0.29323…, published as 29,32%.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The denominator is not positive.</exception>
    public static decimal RateOf(decimal numerator, decimal denominator)
    {
        if (denominator <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(denominator), denominator, "The denominator must be greater than zero.");
        }

        return numerator / denominator;
    }

    /// <inheritdoc />
    internal override InputProblem CheckValues(decimal maxPoints, LeafInput input)
    {
        if (input.Second == 0m)
        {
            return InputProblem.ZeroDenominator;
        }

        return input.First > input.Second ? InputProblem.NumeratorAboveDenominator : InputProblem.None;
    }

    /// <inheritdoc />
    internal override decimal EvaluateValid(decimal maxPoints, LeafInput input)
    {
        // Compared as numerator against threshold × denominator: exact, and no division unless proportional.
        var (numerator, denominator) = (input.First, input.Second);
        if (numerator >= FullThreshold * denominator)
        {
            return maxPoints;
        }

        return numerator < Floor * denominator ? 0m : maxPoints * numerator / (denominator * FullThreshold);
    }

    internal override IEnumerable<string> DefinitionProblems(decimal maxPoints) => [];

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"rate (full at {FullThreshold:P0}, zero below {Floor:P0})");
}
