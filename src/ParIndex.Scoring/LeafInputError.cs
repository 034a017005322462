namespace ParIndex.Scoring;

/// <summary>An input that its leaf's rule refuses.</summary>
/// <param name="Leaf">The leaf; null when the problem concerns the unit as a whole (every leaf not applicable).</param>
/// <param name="Input">The refused input.</param>
/// <param name="Problem">Why it was refused.</param>
public sealed record LeafInputError(FrameworkNode? Leaf, LeafInput Input, InputProblem Problem)
{
    /// <inheritdoc />
    public override string ToString() =>
        Leaf is null ? "every leaf is not applicable: the unit has no maximum" : $"{Leaf.Code}: {Input} — {Problem}";
}
