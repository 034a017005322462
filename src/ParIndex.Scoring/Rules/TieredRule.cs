using System.Globalization;

namespace ParIndex.Scoring.Rules;

/// <summary>
/// Fixed levels, each worth a number of points (e.g. done on time = full, late = half, not done = 0).
/// The input is the zero-based index of the tier reached.
/// </summary>
public sealed class TieredRule : ScoringRule
{
    /// <summary>Creates a tiered rule from at least two tiers.</summary>
    public TieredRule(IEnumerable<Tier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        Tiers = [.. tiers];
        if (Tiers.Count < 2)
        {
            throw new ArgumentException("A tiered rule needs at least two tiers.", nameof(tiers));
        }
    }

    /// <summary>The tiers, in the order users see them.</summary>
    public IReadOnlyList<Tier> Tiers { get; }

    /// <inheritdoc />
    public override LeafInputKind InputKind => LeafInputKind.Tier;

    /// <inheritdoc />
    internal override InputProblem CheckValues(decimal maxPoints, LeafInput input) =>
        decimal.IsInteger(input.First) && input.First < Tiers.Count ? InputProblem.None : InputProblem.UnknownTier;

    /// <inheritdoc />
    internal override decimal EvaluateValid(decimal maxPoints, LeafInput input) => Tiers[(int)input.First].Points;

    internal override IEnumerable<string> DefinitionProblems(decimal maxPoints)
    {
        foreach (var tier in Tiers)
        {
            if (string.IsNullOrWhiteSpace(tier.Label))
            {
                yield return "a tier has no label";
            }

            if (tier.Points < 0m || tier.Points > maxPoints)
            {
                yield return string.Create(CultureInfo.InvariantCulture, $"tier '{tier.Label}' is worth {tier.Points}, outside 0..{maxPoints}");
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        "tiered (" + string.Join("; ", Tiers.Select(t => string.Create(CultureInfo.InvariantCulture, $"{t.Label} = {t.Points}"))) + ")";
}
