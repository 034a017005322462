using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using ParIndex.Scoring;
using ParIndex.Scoring.Ranking;

namespace ParIndex.Core.Results;

/// <summary>
/// A table of published results, one row per unit: <c>unit, bloc, appraisal, survey[, max][, code]</c>, or
/// the Vietnamese headers <c>đơn vị, khối, điểm thẩm định, điểm điều tra xã hội học[, điểm tối đa][, mã đơn vị]</c>.
/// This is how earlier years' published results enter ParIndex. Reading is all-or-nothing: every
/// problem is reported with its line and column, and no row is returned unless the file is clean.
/// </summary>
public static partial class ResultsTable
{
    /// <summary>The maximum assumed when the table has no max column or the cell is blank.</summary>
    public const decimal DefaultMaximum = 100m;

    private enum Field
    {
        Unit,
        Bloc,
        Appraisal,
        Survey,
        Maximum,
        Code,
    }

    private static readonly Dictionary<string, Field> Headers = new(StringComparer.Ordinal)
    {
        ["unit"] = Field.Unit,
        ["đơn vị"] = Field.Unit,
        ["bloc"] = Field.Bloc,
        ["khối"] = Field.Bloc,
        ["appraisal"] = Field.Appraisal,
        ["điểm thẩm định"] = Field.Appraisal,
        ["survey"] = Field.Survey,
        ["điểm điều tra xã hội học"] = Field.Survey,
        ["điểm điều tra"] = Field.Survey,
        ["max"] = Field.Maximum,
        ["điểm tối đa"] = Field.Maximum,
        ["code"] = Field.Code,
        ["mã đơn vị"] = Field.Code,
    };

    /// <summary>Reads and checks a results table file.</summary>
    public static async Task<ResultsTableReadResult> ReadFileAsync(string path, CancellationToken cancellationToken = default)
    {
        var name = Path.GetFileName(path);
        byte[] content;
        try
        {
            content = await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return ResultsTableReadResult.Failed(new ImportError(path, 0, null, Messages.Get("FileCannotRead", e.Message)));
        }

        return Read(content, name);
    }

    /// <summary>Reads and checks a results table from its bytes; <paramref name="fileName"/> names it in messages.</summary>
    public static ResultsTableReadResult Read(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        List<TabularFile.Row> rows;
        try
        {
            rows = TabularFile.Read(content, TabularLimits.Results);
        }
        catch (TabularFileException e)
        {
            return ResultsTableReadResult.Failed(new ImportError(fileName, e.Line, e.Column, e.Message));
        }

        if (rows.Count == 0)
        {
            return ResultsTableReadResult.Failed(new ImportError(fileName, 1, null, Messages.Get("ResultsFileEmpty")));
        }

        var errors = new List<ImportError>();
        var header = rows[0];
        var columns = MapHeader(header, fileName, errors);
        if (errors.Count > 0)
        {
            return ResultsTableReadResult.Failed([.. errors]);
        }

        if (rows.Count == 1)
        {
            return ResultsTableReadResult.Failed(new ImportError(fileName, header.Line + 1, null, Messages.Get("ResultsNoRows")));
        }

        var result = new List<ResultsTableRow>(rows.Count - 1);
        var firstLineOf = new Dictionary<(string Bloc, string Unit), int>();
        foreach (var row in rows.Skip(1))
        {
            var line = new LineReader(fileName, row, header, columns, errors);
            var unit = line.Text(Field.Unit);
            var bloc = line.Text(Field.Bloc);
            var code = line.OptionalText(Field.Code);
            var maximum = line.Number(Field.Maximum, DefaultMaximum);
            var appraisal = line.Number(Field.Appraisal, null);
            var survey = line.Number(Field.Survey, null);

            if (maximum is { } m && (m <= 0m || m > DefaultMaximum))
            {
                line.Error(Field.Maximum, Messages.Get("ResultsMaximumInvalid", Show(m)));
                maximum = null;
            }

            if (maximum is { } max)
            {
                if (appraisal > max)
                {
                    line.Error(Field.Appraisal, Messages.Get("ResultsAboveMaximum", Show(appraisal.Value), Show(max)));
                }
                else if (survey > max)
                {
                    line.Error(Field.Survey, Messages.Get("ResultsAboveMaximum", Show(survey.Value), Show(max)));
                }
                else if (appraisal + survey > max)
                {
                    line.Error(Field.Survey,
                        Messages.Get("ResultsSumAboveMaximum", Show(appraisal!.Value), Show(survey!.Value), Show(appraisal.Value + survey.Value), Show(max)));
                }
            }

            if (unit is not null && bloc is not null)
            {
                // A unit is the same unit when its code is (if the table has codes), else its name.
                var key = (Key(bloc), Key(code ?? unit));
                if (firstLineOf.TryGetValue(key, out var first))
                {
                    line.Error(code is null ? Field.Unit : Field.Code, Messages.Get("ResultsUnitTwice", code ?? unit, bloc, first));
                }
                else
                {
                    firstLineOf.Add(key, row.Line);
                }
            }

            if (!line.HasErrors)
            {
                result.Add(new ResultsTableRow(row.Line, unit!, bloc!, appraisal!.Value, survey!.Value, maximum!.Value, code));
            }
        }

        return errors.Count > 0 ? ResultsTableReadResult.Failed([.. errors]) : ResultsTableReadResult.Succeeded(result);
    }

    /// <summary>Ranks each bloc of a checked table with the engine; blocs in order of first appearance.</summary>
    public static IReadOnlyList<(string Bloc, BlocRanking Ranking)> Rank(IReadOnlyList<ResultsTableRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return [.. rows
            .GroupBy(r => r.Bloc, StringComparer.Ordinal)
            .Select(g => (g.Key, BlocRanking.Create(g.Select(r =>
                new RankingEntry(r.Unit, IndexResult.Create(r.Appraisal, r.Survey, r.Maximum))))))];
    }

    private static Dictionary<Field, int> MapHeader(TabularFile.Row header, string fileName, List<ImportError> errors)
    {
        var columns = new Dictionary<Field, int>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            if (!Headers.TryGetValue(Key(header.Cells[i] ?? string.Empty), out var field))
            {
                continue; // other columns (rank, index, notes) are allowed and ignored
            }

            if (!columns.TryAdd(field, i))
            {
                errors.Add(new ImportError(fileName, header.Line, Describe(header, i),
                    Messages.Get("ResultsColumnTwice", NameOf(field), TabularFile.ColumnLetter(columns[field]))));
            }
        }

        foreach (var required in new[] { Field.Unit, Field.Bloc, Field.Appraisal, Field.Survey })
        {
            if (!columns.ContainsKey(required))
            {
                var names = string.Join("', '", Headers.Where(h => h.Value == required).Select(h => h.Key));
                errors.Add(new ImportError(fileName, header.Line, null, Messages.Get("ResultsColumnMissing", names)));
            }
        }

        return columns;
    }

    /// <summary>Header, bloc and unit matching: Unicode NFC, trimmed, single spaces, case-insensitive.</summary>
    internal static string Key(string text) =>
        Spaces().Replace(text.Normalize(NormalizationForm.FormC).Trim(), " ").ToLower(CultureInfo.InvariantCulture);

    private static string Describe(TabularFile.Row header, int index) =>
        $"{TabularFile.ColumnLetter(index)} '{(index < header.Cells.Length ? header.Cells[index]?.Trim() : null)}'";

    private static string Show(decimal value) => value.ToString(CultureInfo.CurrentCulture);

    /// <summary>A field as the file names it: its Vietnamese header.</summary>
    private static string NameOf(Field field) => Headers.First(h => h.Value == field && !h.Key.All(char.IsAscii)).Key;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    [GeneratedRegex(@"^-?[0-9]+([.,][0-9]+)?$")]
    private static partial Regex PlainNumber();

    private sealed class LineReader(string fileName, TabularFile.Row row, TabularFile.Row header, Dictionary<Field, int> columns, List<ImportError> errors)
    {
        private readonly int _errorsBefore = errors.Count;

        public bool HasErrors => errors.Count > _errorsBefore;

        public string? Text(Field field)
        {
            var value = Cell(field)?.Normalize(NormalizationForm.FormC).Trim();
            if (string.IsNullOrEmpty(value))
            {
                Error(field, Messages.Get("CellEmpty"));
                return null;
            }

            if (TextLimits.TooLong(value, field == Field.Code ? TextLimits.Code : TextLimits.Name) is { } tooLong)
            {
                Error(field, tooLong);
                return null;
            }

            return value;
        }

        public string? OptionalText(Field field)
        {
            var value = Cell(field)?.Normalize(NormalizationForm.FormC).Trim();
            if (TextLimits.TooLong(value, TextLimits.Code) is { } tooLong)
            {
                Error(field, tooLong);
                return null;
            }

            return string.IsNullOrEmpty(value) ? null : value;
        }

        /// <summary>A number with '.' or ',' as the decimal point; <paramref name="whenBlank"/> if the cell is blank and that is allowed.</summary>
        public decimal? Number(Field field, decimal? whenBlank)
        {
            var text = Cell(field)?.Trim();
            if (string.IsNullOrEmpty(text))
            {
                if (whenBlank is null)
                {
                    Error(field, Messages.Get("CellNumberNeeded"));
                }

                return whenBlank;
            }

            if (!PlainNumber().IsMatch(text)
                || !decimal.TryParse(text.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value))
            {
                Error(field, Messages.Get("CellNotNumber", text));
                return null;
            }

            if (value < 0m)
            {
                Error(field, Messages.Get("CellNegative", Show(value)));
                return null;
            }

            return value;
        }

        public void Error(Field field, string message) =>
            errors.Add(new ImportError(fileName, row.Line, columns.TryGetValue(field, out var i) ? Describe(header, i) : NameOf(field), message));

        private string? Cell(Field field) =>
            columns.TryGetValue(field, out var i) && i < row.Cells.Length ? row.Cells[i] : null;
    }
}
