namespace ParIndex.Scoring.Surveys;

/// <summary>A survey design that cannot be used; <see cref="Problems"/> lists every reason.</summary>
public sealed class SurveyDesignException(IReadOnlyList<string> problems)
    : Exception("The survey design is not valid: " + string.Join("; ", problems))
{
    /// <summary>Every problem found, in plain words.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
