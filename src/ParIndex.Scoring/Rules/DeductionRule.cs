using System.Globalization;

namespace ParIndex.Scoring.Rules;

/// <summary>
/// The leaf's maximum minus <see cref="PointsPerCount"/> for each violation counted, never below 0.
/// The input is a whole count ≥ 0.
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

    /// <summary>Points deducted per violation.</summary>
    public decimal PointsPerCount { get; }

    /// <inheritdoc />
    public override LeafInputKind InputKind => LeafInputKind.Count;

    /// <inheritdoc />
    internal override InputProblem CheckValues(decimal maxPoints, LeafInput input) =>
        input.First % 1m == 0m ? InputProblem.None : InputProblem.NotWhole;

    /// <inheritdoc />
    internal override decimal EvaluateValid(decimal maxPoints, LeafInput input)
    {
        // Counts are whole and at most about 10^28 / PointsPerCount before overflow; cap the product
        // at the maximum first so absurd counts simply reach 0.
        var countNeeded = Math.Ceiling(maxPoints / PointsPerCount);
        var deduction = input.First >= countNeeded ? maxPoints : input.First * PointsPerCount;
        return Math.Max(0m, maxPoints - deduction);
    }

    internal override IEnumerable<string> DefinitionProblems(decimal maxPoints) => [];

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"deduction ({PointsPerCount} per count)");
}
