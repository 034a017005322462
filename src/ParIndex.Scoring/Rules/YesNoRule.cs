namespace ParIndex.Scoring.Rules;

/// <summary>Yes earns the leaf's maximum, no earns 0.</summary>
public sealed class YesNoRule : ScoringRule
{
    /// <summary>The one yes/no rule; it has no parameters.</summary>
    public static YesNoRule Instance { get; } = new();

    private YesNoRule()
    {
    }

    /// <inheritdoc />
    public override LeafInputKind InputKind => LeafInputKind.YesNo;

    /// <inheritdoc />
    internal override InputProblem CheckValues(decimal maxPoints, LeafInput input) =>
        input.First is 0m or 1m ? InputProblem.None : InputProblem.WrongKind;

    /// <inheritdoc />
    internal override decimal EvaluateValid(decimal maxPoints, LeafInput input) =>
        input.First == 1m ? maxPoints : 0m;

    internal override IEnumerable<string> DefinitionProblems(decimal maxPoints) => [];

    /// <inheritdoc />
    public override string ToString() => "yes/no";
}
