using System.Globalization;

namespace ParIndex.Scoring.Rules;

/// <summary>
/// Points entered directly, between 0 and the leaf's maximum, in multiples of <see cref="Step"/>
/// (frameworks commonly use 0.25 or 0.5). Survey leaves use this rule with a fine step for the
/// points computed from questionnaires.
/// </summary>
public sealed class ManualRule : ScoringRule
{
    /// <summary>Creates a manual rule.</summary>
    /// <param name="step">The granularity of the points, &gt; 0 (e.g. 0.25).</param>
    public ManualRule(decimal step)
    {
        if (step <= 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(step), step, "The step must be greater than zero.");
        }

        Step = step;
    }

    /// <summary>The granularity of the points, &gt; 0.</summary>
    public decimal Step { get; }

    /// <inheritdoc />
    public override LeafInputKind InputKind => LeafInputKind.Points;

    /// <inheritdoc />
    internal override InputProblem CheckValues(decimal maxPoints, LeafInput input)
    {
        if (input.First > maxPoints)
        {
            return InputProblem.AboveMaximum;
        }

        return input.First % Step == 0m ? InputProblem.None : InputProblem.NotOnStep;
    }

    /// <inheritdoc />
    internal override decimal EvaluateValid(decimal maxPoints, LeafInput input) => input.First;

    internal override IEnumerable<string> DefinitionProblems(decimal maxPoints)
    {
        if (Step > maxPoints)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"the step {Step} is larger than the maximum {maxPoints}");
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"manual (step {Step})");
}
