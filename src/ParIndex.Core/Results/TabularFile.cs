using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using ExcelDataReader;

namespace ParIndex.Core.Results;

/// <summary>
/// How much of a file an import reads before it refuses it, so that a hostile or broken file (a zip
/// bomb, a million columns, an unclosed quote) never holds more than a bounded amount of memory.
/// </summary>
/// <param name="MaxRows">Rows (lines that are not empty) after the header.</param>
/// <param name="MaxColumns">Cells in one row.</param>
/// <param name="MaxCellLength">Characters in one cell.</param>
/// <param name="MaxUncompressedBytes">An .xlsx file's parts together, once unzipped.</param>
public sealed record TabularLimits(int MaxRows, int MaxColumns, int MaxCellLength, long MaxUncompressedBytes)
{
    private const long MiB = 1024 * 1024;

    /// <summary>Survey responses: as many rows as Excel holds, one column per question.</summary>
    public static readonly TabularLimits Survey = new(1_048_576, 1024, 1000, 200 * MiB);

    /// <summary>A results table: one row per unit of the whole country, with room for extra columns.</summary>
    public static readonly TabularLimits Results = new(50_000, 256, 1000, 64 * MiB);

    /// <summary>A framework: areas, criteria and sub-criteria (a few hundred rows in practice).</summary>
    public static readonly TabularLimits Framework = new(5_000, 64, 4000, 32 * MiB);

    /// <summary>Shared strings and styles are read whole by the XLSX reader, so they get a smaller cap.</summary>
    internal const long MaxWholePartBytes = 48 * MiB;

    /// <summary>Parts (files) in one .xlsx archive.</summary>
    internal const int MaxParts = 2000;
}

/// <summary>A file an import cannot read, with the line and column (when known) where reading stopped.</summary>
public sealed class TabularFileException(int line, string? column, string message, Exception? inner = null) : FormatException(message, inner)
{
    public int Line { get; } = line;

    public string? Column { get; } = column;
}

/// <summary>
/// Reads the rows of a CSV (UTF-8, with or without BOM, or UTF-16 with BOM; ',', ';' or tab separated)
/// or XLSX (first sheet) file as text cells with their line numbers, one row at a time. The format is
/// decided by content, not by name. Every limit of <see cref="TabularLimits"/> is checked while
/// reading, and so are control characters (a NUL cannot be stored in PostgreSQL text).
/// </summary>
internal static class TabularFile
{
    internal sealed record Row(int Line, string?[] Cells);

    static TabularFile()
    {
        // ExcelDataReader looks up code page 1252 even for .xlsx.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    // C0 controls but tab and line breaks, and DEL: a NUL cannot be stored in PostgreSQL text, the rest are never meant.
    private static readonly System.Buffers.SearchValues<char> ControlCharacters = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\r' or '\n')).Select(c => (char)c)) + "\u007F");

    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] LegacyExcelMagic = [0xD0, 0xCF, 0x11, 0xE0];

    /// <summary>All rows of a small file (results tables, frameworks) that are not empty.</summary>
    /// <exception cref="TabularFileException">The file is in no format we read, or breaks a limit.</exception>
    public static List<Row> Read(byte[] content, TabularLimits limits)
    {
        using var stream = new MemoryStream(content, writable: false);
        return [.. Rows(stream, limits)];
    }

    /// <summary>
    /// The rows that are not empty, one at a time: nothing is held but the current row (and an
    /// .xlsx file's shared strings), so a header can be checked before the rest is read.
    /// </summary>
    /// <param name="content">Read from its start; an .xlsx needs a seekable stream.</param>
    /// <exception cref="TabularFileException">Thrown while enumerating: the file is in no format we read, or breaks a limit.</exception>
    public static IEnumerable<Row> Rows(Stream content, TabularLimits limits)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentNullException.ThrowIfNull(limits);
        Span<byte> magic = stackalloc byte[4];
        var read = content.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        magic = magic[..read];
        if (content.CanSeek)
        {
            content.Position = 0;
        }
        else
        {
            content = new PrefixedStream(magic.ToArray(), content);
        }

        if (magic.SequenceEqual(ZipMagic))
        {
            return Checked(ReadXlsx(content.CanSeek ? content : Spooled(content, limits), limits), limits);
        }

        if (magic.SequenceEqual(LegacyExcelMagic))
        {
            throw new TabularFileException(1, null, Messages.Get("FileOldExcel"));
        }

        return Checked(ReadCsv(content, limits), limits);
    }

    private static IEnumerable<Row> Checked(IEnumerable<Row> rows, TabularLimits limits)
    {
        var count = 0;
        foreach (var row in rows)
        {
            // Columns are checked by each reader, before it allocates a row's cells.
            var blank = true;
            for (var i = 0; i < row.Cells.Length; i++)
            {
                if (row.Cells[i] is not { } cell)
                {
                    continue;
                }

                if (cell.Length > limits.MaxCellLength)
                {
                    throw new TabularFileException(row.Line, ColumnLetter(i), Messages.Get("FileCellTooLong", cell.Length, limits.MaxCellLength));
                }

                if (cell.AsSpan().IndexOfAny(ControlCharacters) is var control and >= 0)
                {
                    throw new TabularFileException(row.Line, ColumnLetter(i),
                        Messages.Get("FileControlCharacter", ((int)cell[control]).ToString("X2", CultureInfo.InvariantCulture)));
                }

                blank &= string.IsNullOrWhiteSpace(cell);
            }

            if (blank)
            {
                continue;
            }

            // The header is one of the rows counted here, hence the + 1.
            if (++count > limits.MaxRows + 1)
            {
                throw new TabularFileException(row.Line, null, Messages.Get("FileTooManyRows", limits.MaxRows));
            }

            yield return row;
        }
    }

    private static IEnumerable<Row> ReadCsv(Stream content, TabularLimits limits)
    {
        // Strict UTF-8: a file saved in a legacy code page is refused rather than read as mojibake.
        // A UTF-16 byte order mark (Excel's "Unicode text") switches the encoding.
        using var checkedContent = new Utf8CheckingStream(content);
        using var text = new StreamReader(checkedContent, new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true, bufferSize: 64 * 1024, leaveOpen: true);

        // The separator (',', ';', tab or '|') is detected from the first lines, as Excel's "sep=" hint.
        // A record may not grow past what the limits allow (an unclosed quote would otherwise read the whole file).
        var options = new CsvReaderOptions
        {
            HasHeader = false, TrackLineNumbers = true,
            MaxRecordSize = (int)Math.Min(int.MaxValue / 4, (long)limits.MaxColumns * (limits.MaxCellLength + 3) * 4),
        };
        using var csv = CsvReader.Create(text, options, leaveOpen: true);
        var line = 1;
        while (true)
        {
            string?[] cells;
            try
            {
                if (!csv.Read())
                {
                    yield break;
                }

                line = (int)csv.LineNumber;
                if (csv.FieldCount > limits.MaxColumns)
                {
                    throw new TabularFileException(line, ColumnLetter(limits.MaxColumns), Messages.Get("FileTooManyColumns", csv.FieldCount, limits.MaxColumns));
                }

                cells = new string?[csv.FieldCount];
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = csv.GetString(i);
                }
            }
            catch (CsvFormatException e)
            {
                throw new TabularFileException(line + 1, null, Messages.Get("FileCsvBroken", limits.MaxCellLength), e);
            }

            yield return new Row(line, cells);
        }
    }

    private static IEnumerable<Row> ReadXlsx(Stream content, TabularLimits limits)
    {
        CheckArchive(content, limits);
        content.Position = 0;
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateOpenXmlReader(content, new ExcelReaderConfiguration { LeaveOpen = true });
        }
        catch (Exception e) when (IsUnreadable(e))
        {
            throw Unreadable(e);
        }

        using (reader)
        {
            var line = 0;
            while (true)
            {
                string?[] cells;
                try
                {
                    if (!reader.Read())
                    {
                        yield break;
                    }

                    line++;
                    if (line > 1_048_576)
                    {
                        throw new TabularFileException(line, null, Messages.Get("FileTooManyRows", limits.MaxRows));
                    }

                    if (reader.FieldCount > limits.MaxColumns)
                    {
                        throw new TabularFileException(line, ColumnLetter(limits.MaxColumns), Messages.Get("FileTooManyColumns", reader.FieldCount, limits.MaxColumns));
                    }

                    cells = new string?[reader.FieldCount];
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
                }
                catch (Exception e) when (IsUnreadable(e))
                {
                    throw Unreadable(e);
                }

                yield return new Row(line, cells);
            }
        }
    }

    /// <summary>
    /// Unzips every part once, counting, before the XLSX reader sees the file: the sizes an archive
    /// declares can lie, the bytes it inflates to cannot. Stops at the first part past a limit.
    /// </summary>
    private static void CheckArchive(Stream content, TabularLimits limits)
    {
        try
        {
            using var archive = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (archive.Entries.Count > TabularLimits.MaxParts)
            {
                throw new TabularFileException(1, null, Messages.Get("FileXlsxTooManyParts", archive.Entries.Count, TabularLimits.MaxParts));
            }

            var total = 0L;
            var buffer = new byte[81920];
            foreach (var entry in archive.Entries)
            {
                var whole = entry.FullName.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) ? limits.MaxUncompressedBytes : TabularLimits.MaxWholePartBytes;
                var cap = Math.Min(whole, limits.MaxUncompressedBytes - total);
                if (entry.Length > cap)
                {
                    throw TooLarge(entry, limits);
                }

                using var part = entry.Open();
                var size = 0L;
                int n;
                while ((n = part.Read(buffer)) > 0)
                {
                    size += n;
                    if (size > cap)
                    {
                        throw TooLarge(entry, limits);
                    }
                }

                total += size;
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException)
        {
            throw Unreadable(e);
        }
    }

    /// <summary>An .xlsx from a stream that cannot seek, copied to a temporary file that is deleted on close.</summary>
    private static FileStream Spooled(Stream content, TabularLimits limits)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose);
        var buffer = new byte[81920];
        var size = 0L;
        int n;
        while ((n = content.Read(buffer)) > 0)
        {
            size += n;
            if (size > limits.MaxUncompressedBytes)
            {
                file.Dispose();
                throw new TabularFileException(1, null, Messages.Get("FileXlsxTooLarge", limits.MaxUncompressedBytes / (1024 * 1024), "(.xlsx)"));
            }

            file.Write(buffer, 0, n);
        }

        file.Position = 0;
        return file;
    }

    private static TabularFileException TooLarge(ZipArchiveEntry entry, TabularLimits limits) =>
        new(1, null, Messages.Get("FileXlsxTooLarge", limits.MaxUncompressedBytes / (1024 * 1024), entry.FullName));

    private static bool IsUnreadable(Exception e) =>
        e is ExcelDataReader.Exceptions.ExcelReaderException or InvalidDataException or IOException or System.Xml.XmlException
            or OverflowException or FormatException or InvalidCastException or ArgumentException or IndexOutOfRangeException
            or NullReferenceException or KeyNotFoundException or InvalidOperationException or NotSupportedException
        && e is not TabularFileException;

    private static TabularFileException Unreadable(Exception e) => new(1, null, Messages.Get("FileXlsxUnreadable"), e);

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

    /// <summary>
    /// Passes a UTF-8 file through, checking it as it goes, and names the exact line of the first byte
    /// that is not UTF-8 (a CSV saved in a legacy code page). A UTF-16 file (its byte order mark) passes unchecked.
    /// </summary>
    private sealed class Utf8CheckingStream(Stream inner) : ForwardOnlyStream
    {
        private readonly byte[] _carry = new byte[4];
        private int _carried;
        private int _line = 1;
        private bool _started;
        private bool _utf16;


        public override int Read(Span<byte> buffer)
        {
            if (buffer.Length < 8)
            {
                throw new ArgumentException("The buffer is too small.", nameof(buffer));
            }

            _carry.AsSpan(0, _carried).CopyTo(buffer);
            var filled = _carried;
            var n = inner.Read(buffer[filled..]);
            filled += n;
            if (!_started && filled > 0)
            {
                _started = true;
                _utf16 = filled >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF));
            }

            if (_utf16)
            {
                _carried = 0;
                return filled;
            }

            // Hold back an incomplete sequence at the end (unless the file ends there) for the next read.
            var complete = n == 0 ? filled : CompleteLength(buffer[..filled]);
            var valid = Validate(buffer[..complete]);
            _line += buffer[..valid].Count((byte)'\n');
            if (valid < complete)
            {
                throw new TabularFileException(_line, null, Messages.Get("FileNotUtf8"));
            }

            _carried = filled - complete;
            buffer[complete..filled].CopyTo(_carry);
            return complete == 0 && n > 0 ? Read(buffer) : complete;
        }

        /// <summary>The length of the longest valid UTF-8 prefix.</summary>
        private static int Validate(ReadOnlySpan<byte> bytes)
        {
            var index = 0;
            while (index < bytes.Length)
            {
                index += IndexOfNonAscii(bytes[index..]);
                if (index >= bytes.Length)
                {
                    break;
                }

                if (System.Text.Rune.DecodeFromUtf8(bytes[index..], out _, out var consumed) != System.Buffers.OperationStatus.Done)
                {
                    return index;
                }

                index += consumed;
            }

            return index;
        }

        private static int IndexOfNonAscii(ReadOnlySpan<byte> bytes) => bytes.IndexOfAnyInRange((byte)0x80, (byte)0xFF) is var i and >= 0 ? i : bytes.Length;

        /// <summary>Where the last complete UTF-8 sequence of <paramref name="bytes"/> ends.</summary>
        private static int CompleteLength(ReadOnlySpan<byte> bytes)
        {
            for (var back = 1; back <= Math.Min(3, bytes.Length); back++)
            {
                var b = bytes[^back];
                if ((b & 0xC0) == 0x80)
                {
                    continue; // a continuation byte: look further back for its lead
                }

                var needed = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return needed > back ? bytes.Length - back : bytes.Length;
            }

            return bytes.Length;
        }
    }

    /// <summary>A stream that cannot seek, with the bytes already read from its start put back.</summary>
    private sealed class PrefixedStream(byte[] prefix, Stream inner) : ForwardOnlyStream
    {
        private int _offset;


        public override int Read(Span<byte> buffer)
        {
            if (_offset < prefix.Length)
            {
                var n = Math.Min(buffer.Length, prefix.Length - _offset);
                prefix.AsSpan(_offset, n).CopyTo(buffer);
                _offset += n;
                return n;
            }

            return inner.Read(buffer);
        }
    }

    /// <summary>A stream read once from start to end: what the two wrappers above have in common.</summary>
    private abstract class ForwardOnlyStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public abstract override int Read(Span<byte> buffer);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
