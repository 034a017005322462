namespace ParIndex.Scoring;

/// <summary>Thrown by <see cref="Framework.Score"/> when inputs fail their rules; hosts call <see cref="Framework.Check"/> first.</summary>
public sealed class InvalidLeafInputException : Exception
{
    /// <summary>Creates the exception from the refused inputs.</summary>
    public InvalidLeafInputException(IReadOnlyList<LeafInputError> errors)
        : base("Some inputs cannot be scored: " + string.Join("; ", errors))
    {
        Errors = errors;
    }

    /// <summary>Every refused input.</summary>
    public IReadOnlyList<LeafInputError> Errors { get; }
}
