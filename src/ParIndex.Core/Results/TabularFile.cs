using System.Globalization;
using System.Text;
using CsvHelper;
using ExcelDataReader;

namespace ParIndex.Core.Results;

/// <summary>
/// Reads the rows of a CSV (UTF-8, with or without BOM; ',', ';' or tab separated) or XLSX (first
/// sheet) file as text cells with their line numbers. The format is decided by content, not by name.
/// </summary>
internal static class TabularFile
{
    internal sealed record Row(int Line, string?[] Cells);

    static TabularFile()
    {
        // ExcelDataReader looks up code page 1252 even for .xlsx.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] LegacyExcelMagic = [0xD0, 0xCF, 0x11, 0xE0];

    /// <exception cref="FormatException">The file is in no format we read; the message says why and where.</exception>
    public static List<Row> Read(byte[] content) => [.. Rows(content)];

    /// <summary>
    /// The rows one at a time (a CSV is parsed as it is enumerated, so a million-row file is never
    /// held as cells all at once). Empty XLSX rows are skipped.
    /// </summary>
    /// <exception cref="FormatException">The file is in no format we read (thrown when enumeration starts).</exception>
    public static IEnumerable<Row> Rows(byte[] content)
    {
        if (content.AsSpan().StartsWith(ZipMagic))
        {
            return ReadXlsx(content);
        }

        if (content.AsSpan().StartsWith(LegacyExcelMagic))
        {
            throw new FormatException("this is an old Excel (.xls) file: save it as .xlsx or CSV UTF-8");
        }

        return ReadCsv(Decode(content));
    }

    private static string Decode(byte[] content)
    {
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            var text = strict.GetString(content);
            return text.Length > 0 && text[0] == '\uFEFF' ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            var line = 1 + content.AsSpan(0, Math.Max(0, Math.Min(e.Index, content.Length))).Count((byte)'\n');
            throw new FormatException($"line {line}: the file is not UTF-8 text (save it as CSV UTF-8 or .xlsx)", e);
        }
    }

    private static IEnumerable<Row> ReadCsv(string text)
    {
        // The separator (',', ';', tab or '|') is detected from the first lines, as Excel's "sep=" hint.
        var options = new CsvReaderOptions { HasHeader = false, TrackLineNumbers = true };
        using var csv = CsvReader.FromText(text, options);
        while (csv.Read())
        {
            var cells = new string?[csv.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = csv.GetString(i);
            }

            yield return new Row((int)csv.LineNumber, cells);
        }
    }

    private static List<Row> ReadXlsx(byte[] content)
    {
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            using var reader = ExcelReaderFactory.CreateOpenXmlReader(stream);
            var rows = new List<Row>();
            var line = 0;
            while (reader.Read())
            {
                line++;
                var cells = new string?[reader.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.GetValue(i) switch
                    {
                        null => null,
                        double d => ((decimal)d).ToString(CultureInfo.InvariantCulture),
                        DateTime date => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                        var other => other.ToString(),
                    };
                }

                if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
                {
                    rows.Add(new Row(line, cells));
                }
            }

            return rows;
        }
        catch (Exception e) when (e is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or IOException
            or System.Xml.XmlException or OverflowException)
        {
            throw new FormatException("the file looks like a ZIP archive but is not a readable .xlsx workbook", e);
        }
    }

    /// <summary>A1-style column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnLetter(int index)
    {
        var letters = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            letters = (char)('A' + ((n - 1) % 26)) + letters;
        }

        return letters;
    }
}
