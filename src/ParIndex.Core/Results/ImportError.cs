namespace ParIndex.Core.Results;

/// <summary>One problem in an imported file, located by file, line and column.</summary>
/// <param name="File">The file's name as given.</param>
/// <param name="Line">The 1-based line (CSV) or row (XLSX).</param>
/// <param name="Column">The column as named in the file, with its position (e.g. <c>C 'điểm thẩm định'</c>); null for the whole line.</param>
/// <param name="Message">What is wrong, in plain words.</param>
public sealed record ImportError(string File, int Line, string? Column, string Message)
{
    public override string ToString() =>
        Column is null ? Messages.Get("ImportErrorLine", File, Line, Message) : Messages.Get("ImportErrorCell", File, Line, Column, Message);
}
