using System.Globalization;

namespace ParIndex.Scoring.Rules;

/// <summary>
/// Bonus and penalty points outside the framework's 100 (Hanoi 2025's ninth content). The leaf's
/// maximum is the bonus cap; <see cref="PenaltyCap"/> caps the penalty. Points =
/// min(bonus, maximum) − min(penalty, penalty cap), so between −penalty cap and +maximum. The leaf
/// is not part of any unit's maximum and cannot be marked not applicable.
/// </summary>
public sealed class BonusPenaltyRule : ScoringRule
{
    /// <summary>Creates a bonus/penalty rule.</summary>
    /// <param name="penaltyCap">The most that penalties can take away, ≥ 0.</param>
    public BonusPenaltyRule(decimal penaltyCap)
    {
        if (penaltyCap < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(penaltyCap), penaltyCap, "The penalty cap cannot be negative.");
        }

        PenaltyCap = penaltyCap;
    }

    /// <summary>The most that penalties can take away.</summary>
    public decimal PenaltyCap { get; }

    /// <inheritdoc />
    public override LeafInputKind InputKind => LeafInputKind.BonusPenalty;

    /// <inheritdoc />
    public override bool CountsTowardMaximum => false;

    /// <inheritdoc />
    internal override InputProblem CheckValues(decimal maxPoints, LeafInput input) => InputProblem.None;

    /// <inheritdoc />
    internal override decimal EvaluateValid(decimal maxPoints, LeafInput input) =>
        Math.Min(input.First, maxPoints) - Math.Min(input.Second, PenaltyCap);

    internal override IEnumerable<string> DefinitionProblems(decimal maxPoints) => [];

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"bonus/penalty (penalty cap {PenaltyCap})");
}
