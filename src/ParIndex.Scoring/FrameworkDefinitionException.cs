namespace ParIndex.Scoring;

/// <summary>A framework definition that cannot form a valid tree; <see cref="Problems"/> lists every problem found.</summary>
public sealed class FrameworkDefinitionException : Exception
{
    /// <summary>Creates the exception from the problems found.</summary>
    public FrameworkDefinitionException(IReadOnlyList<string> problems)
        : base("The framework is not valid: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    /// <summary>Every problem found, each naming the node code it concerns.</summary>
    public IReadOnlyList<string> Problems { get; }
}
