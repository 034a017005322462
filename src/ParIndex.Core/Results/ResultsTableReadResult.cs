namespace ParIndex.Core.Results;

/// <summary>The outcome of reading a results table: either every row, or every problem (never both).</summary>
public sealed class ResultsTableReadResult
{
    private ResultsTableReadResult(IReadOnlyList<ResultsTableRow> rows, IReadOnlyList<ImportError> errors)
    {
        Rows = rows;
        Errors = errors;
    }

    public IReadOnlyList<ResultsTableRow> Rows { get; }

    public IReadOnlyList<ImportError> Errors { get; }

    public bool IsValid => Errors.Count == 0;

    internal static ResultsTableReadResult Succeeded(IReadOnlyList<ResultsTableRow> rows) => new(rows, []);

    internal static ResultsTableReadResult Failed(params ImportError[] errors) => new([], errors);
}
