using System.Globalization;

namespace ParIndex.Scoring.Rules;

/// <summary>
/// The leaf's maximum minus <see cref="PointsPerCount"/> for each violation counted, never below 0.
/// The input is a whole count between 0 and <see cref="MaxCount"/>.
/// </summary>
public sealed class DeductionRule : ScoringRule
{
    /// <summary>Creates a deduction rule.</summary>
    /// <param name="pointsPerCount">Points deducted per violation, &gt; 0.</param>
    public DeductionRule(decimal pointsPerCount)
    {
        if (pointsPerCount <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(pointsPerCount), pointsPerCount, "The deduction must be greater than zero.");
        }

        PointsPerCount = pointsPerCount;
    }

    /// <summary>The largest count accepted (a larger one is a typing error, not a count of violations).</summary>
    public const decimal MaxCount = 1_000_000m;

    /// <summary>Points deducted per violation.</summary>
    public decimal PointsPerCount { get; }

    /// <inheritdoc />
    public override LeafInputKind InputKind => LeafInputKind.Count;

    /// <inheritdoc />
    internal override InputProblem CheckValues(decimal maxPoints, LeafInput input) =>
        !decimal.IsInteger(input.First) ? InputProblem.NotWhole
        : input.First > MaxCount ? InputProblem.CountTooLarge
        : InputProblem.None;

    /// <inheritdoc />
    internal override decimal EvaluateValid(decimal maxPoints, LeafInput input) =>
        Math.Max(0m, maxPoints - (input.First * PointsPerCount));

    internal override IEnumerable<string> DefinitionProblems(decimal maxPoints) => [];

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"deduction ({PointsPerCount} per count)");
}
