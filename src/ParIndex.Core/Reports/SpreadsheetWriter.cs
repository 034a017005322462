using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ParIndex.Core.Reports;

/// <summary>
/// Writes an .xlsx sheet by sheet and row by row, straight into the zip entries of the file: no DOM
/// and no buffered package, so a national detail of half a million rows takes bounded memory and one
/// pass (ADR 0017). Text goes to the shared-string table (a leaf's or a unit's name is stored once, not
/// once per row), numbers are numbers with a two-decimal or whole-number format.
/// </summary>
public sealed class SpreadsheetWriter : IDisposable
{
    /// <summary>Cell styles of the stylesheet below.</summary>
    public enum Style : uint
    {
        Plain = 0,
        Title = 1,
        Header = 2,
        Text = 3,
        Decimal = 4,
        Whole = 5,
        Subtitle = 6,
    }

    /// <summary>
    /// Distinct texts kept in the shared-string table; texts after these are written in their cells,
    /// so that the table (held until the end) stays small whatever the sheet holds.
    /// </summary>
    internal const int SharedLimit = 50_000;

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    private const string Declaration = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>""";
    private static readonly UTF8Encoding Utf8 = new(false);
    private static readonly Lazy<string> StylesXml = new(() => Styles().OuterXml);
    private readonly ZipArchive _zip;
    private readonly List<string> _sheets = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, int> _shared = new(StringComparer.Ordinal);
    private readonly List<string> _columns = [];
    private StreamWriter? _sheet;
    private int _row;

    /// <summary>Writes the workbook to <paramref name="stream"/> (left open; it need not seek).</summary>
    public SpreadsheetWriter(Stream stream) => _zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true, Utf8);

    /// <summary>Starts a sheet (the previous one is finished); <paramref name="widths"/> are column widths in characters.</summary>
    public void StartSheet(string name, IReadOnlyList<double> widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        EndSheet();
        _sheets.Add(UniqueName(name));
        var xml = _sheet = Part($"xl/worksheets/sheet{_sheets.Count}.xml");
        xml.Write(Declaration);
        xml.Write($"""<worksheet xmlns="{Main}"><sheetPr><pageSetUpPr fitToPage="1"/></sheetPr><sheetViews><sheetView workbookViewId="0"/></sheetViews><cols>""");
        for (var i = 0; i < widths.Count; i++)
        {
            xml.Write(string.Create(CultureInfo.InvariantCulture, $"""<col min="{i + 1}" max="{i + 1}" width="{widths[i]}" customWidth="1"/>"""));
        }

        xml.Write("</cols><sheetData>");
        _row = 0;
    }

    /// <summary>Writes one row; each value is text (string), a number (decimal/int) or empty (null), with its style.</summary>
    public void Row(params (object? Value, Style Style)[] cells) => Row(null, cells);

    /// <summary>
    /// Writes one row of a given height in points (e.g. a header whose wrapped text needs three lines:
    /// LibreOffice, unlike Excel, does not grow a row for wrapped text on opening).
    /// </summary>
    public void Row(double? height, params (object? Value, Style Style)[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var xml = _sheet ?? throw new InvalidOperationException("Start a sheet first.");
        _row++;
        Span<char> digits = stackalloc char[32];
        xml.Write("<row r=\"");
        Number(xml, _row, digits);
        if (height is { } points)
        {
            xml.Write(string.Create(CultureInfo.InvariantCulture, $"\" ht=\"{points}\" customHeight=\"1"));
        }

        xml.Write("\">");
        for (var i = 0; i < cells.Length; i++)
        {
            var (value, style) = cells[i];
            xml.Write("<c r=\"");
            xml.Write(Column(i));
            Number(xml, _row, digits);
            if (style != Style.Plain)
            {
                xml.Write("\" s=\"");
                Number(xml, (int)style, digits);
            }

            switch (value)
            {
                case null:
                    xml.Write("\"/>");
                    break;
                case string text when Shared(text) is { } index:
                    xml.Write("\" t=\"s\"><v>");
                    Number(xml, index, digits);
                    xml.Write("</v></c>");
                    break;
                case string text:
                    xml.Write("\" t=\"inlineStr\"><is>");
                    Text(xml, text);
                    xml.Write("</is></c>");
                    break;
                case decimal number:
                    xml.Write("\"><v>");
                    xml.Write(number.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture) ? digits[..written] : number.ToString(CultureInfo.InvariantCulture));
                    xml.Write("</v></c>");
                    break;
                case int whole:
                    xml.Write("\"><v>");
                    Number(xml, whole, digits);
                    xml.Write("</v></c>");
                    break;
                default:
                    throw new ArgumentException($"Cell {Column(i)}{_row}: {value.GetType().Name} is not text or a number.", nameof(cells));
            }
        }

        xml.Write("</row>");
    }

    /// <summary>An empty row.</summary>
    public void Skip() => _row++;

    /// <summary>Finishes the workbook: the shared strings, styles, workbook and package parts after the sheets.</summary>
    public void Dispose()
    {
        EndSheet();
        using (var strings = Part("xl/sharedStrings.xml"))
        {
            strings.Write(Declaration);
            strings.Write(string.Create(CultureInfo.InvariantCulture, $"""<sst xmlns="{Main}" uniqueCount="{_shared.Count}">"""));
            foreach (var text in _shared.Keys) // a Dictionary that is only added to enumerates in insertion order: the indices given out
            {
                strings.Write("<si>");
                Text(strings, text);
                strings.Write("</si>");
            }

            strings.Write("</sst>");
        }

        using (var styles = Part("xl/styles.xml"))
        {
            styles.Write(Declaration);
            styles.Write(StylesXml.Value);
        }

        using (var workbook = Part("xl/workbook.xml"))
        {
            workbook.Write(Declaration);
            workbook.Write($"""<workbook xmlns="{Main}" xmlns:r="{Relationships}"><sheets>""");
            for (var i = 0; i < _sheets.Count; i++)
            {
                workbook.Write($"""<sheet name="{Escape(_sheets[i])}" sheetId="{i + 1}" r:id="rId{i + 1}"/>""");
            }

            workbook.Write("</sheets></workbook>");
        }

        using (var links = Part("xl/_rels/workbook.xml.rels"))
        {
            links.Write(Declaration);
            links.Write("""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">""");
            for (var i = 0; i < _sheets.Count; i++)
            {
                links.Write($"""<Relationship Id="rId{i + 1}" Type="{Relationships}/worksheet" Target="worksheets/sheet{i + 1}.xml"/>""");
            }

            links.Write($"""<Relationship Id="rIdStyles" Type="{Relationships}/styles" Target="styles.xml"/>""");
            links.Write($"""<Relationship Id="rIdStrings" Type="{Relationships}/sharedStrings" Target="sharedStrings.xml"/>""");
            links.Write("</Relationships>");
        }

        using (var package = Part("_rels/.rels"))
        {
            package.Write(Declaration);
            package.Write($"""<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
        }

        using (var types = Part("[Content_Types].xml"))
        {
            const string Sheet = "application/vnd.openxmlformats-officedocument.spreadsheetml";
            types.Write(Declaration);
            types.Write("""<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">""");
            types.Write("""<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>""");
            types.Write($"""<Override PartName="/xl/workbook.xml" ContentType="{Sheet}.sheet.main+xml"/>""");
            for (var i = 0; i < _sheets.Count; i++)
            {
                types.Write($"""<Override PartName="/xl/worksheets/sheet{i + 1}.xml" ContentType="{Sheet}.worksheet+xml"/>""");
            }

            types.Write($"""<Override PartName="/xl/styles.xml" ContentType="{Sheet}.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="{Sheet}.sharedStrings+xml"/>""");
            types.Write("</Types>");
        }

        _zip.Dispose();
    }

    /// <summary>
    /// A new part of the package. Zip's fastest level: the rows' XML is repetitive enough that it
    /// gains little from more effort, and it is the part of the export's time that grows with the year.
    /// </summary>
    private StreamWriter Part(string name) => new(_zip.CreateEntry(name, CompressionLevel.Fastest).Open(), Utf8, 1 << 16);

    private void EndSheet()
    {
        if (_sheet is not { } xml)
        {
            return;
        }

        xml.Write("""</sheetData><pageSetup paperSize="9" fitToWidth="1" fitToHeight="0" orientation="landscape"/></worksheet>""");
        xml.Dispose();
        _sheet = null;
    }

    /// <summary>The index of <paramref name="text"/> in the shared-string table, or null when the table is full and it is not there.</summary>
    private int? Shared(string text)
    {
        if (_shared.TryGetValue(text, out var index))
        {
            return index;
        }

        if (_shared.Count >= SharedLimit)
        {
            return null;
        }

        _shared.Add(text, _shared.Count);
        return _shared.Count - 1;
    }

    private static void Number(StreamWriter xml, int value, Span<char> digits)
    {
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        xml.Write(digits[..written]);
    }

    /// <summary>A text run, &lt;t&gt; with its spaces kept, escaped and without what XML cannot carry.</summary>
    private static void Text(StreamWriter xml, string text)
    {
        xml.Write("<t xml:space=\"preserve\">");
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var replacement = c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                _ when XmlConvert.IsXmlChar(c) || char.IsSurrogate(c) => null,
                _ => "", // a control character other than tab and line breaks, or U+FFFE/U+FFFF: dropped
            };
            if (replacement is not null)
            {
                xml.Write(text.AsSpan(start, i - start));
                xml.Write(replacement);
                start = i + 1;
            }
        }

        xml.Write(text.AsSpan(start));
        xml.Write("</t>");
    }

    /// <summary>Text in an attribute's double quotes.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal).Replace("\"", "&quot;", StringComparison.Ordinal);

    private string Column(int index)
    {
        while (_columns.Count <= index)
        {
            _columns.Add(ColumnName(_columns.Count));
        }

        return _columns[index];
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\ nor what XML cannot carry, unique.</summary>
    private string UniqueName(string name)
    {
        var clean = new string([.. name.Where(c => XmlConvert.IsXmlChar(c) && !char.IsControl(c))
            .Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c)]).Trim();
        clean = clean.Length == 0 ? "Sheet" : clean[..Math.Min(clean.Length, 31)];
        var candidate = clean;
        for (var n = 2; !_names.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = clean[..Math.Min(clean.Length, 31 - suffix.Length)] + suffix;
        }

        return candidate;
    }

    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>The stylesheet, built with OpenXML's typed classes (their names are the schema's) and written once as XML.</summary>
    private static Stylesheet Styles()
    {
        var thin = new Border(
            new LeftBorder { Style = BorderStyleValues.Thin }, new RightBorder { Style = BorderStyleValues.Thin },
            new TopBorder { Style = BorderStyleValues.Thin }, new BottomBorder { Style = BorderStyleValues.Thin }, new DiagonalBorder());
        return new Stylesheet(
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
                new Font(new Bold(), new FontSize { Val = 13 }, new FontName { Val = "Times New Roman" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" }),
                new Font(new Italic(), new FontSize { Val = 11 }, new FontName { Val = "Times New Roman" })) { Count = 4U },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                new Fill(new PatternFill(new ForegroundColor { Rgb = "FFE8EEF2" }) { PatternType = PatternValues.Solid })) { Count = 3U },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2U },
            new CellFormats(
                new CellFormat(),
                new CellFormat { FontId = 1U, ApplyFont = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center, Vertical = VerticalAlignmentValues.Center, WrapText = true })
                {
                    FontId = 2U, FillId = 2U, BorderId = 1U, ApplyFont = true, ApplyFill = true, ApplyBorder = true, ApplyAlignment = true,
                },
                new CellFormat(new Alignment { Vertical = VerticalAlignmentValues.Top, WrapText = true }) { BorderId = 1U, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat { NumberFormatId = 2U, BorderId = 1U, ApplyNumberFormat = true, ApplyBorder = true },
                new CellFormat(new Alignment { Horizontal = HorizontalAlignmentValues.Center }) { NumberFormatId = 1U, BorderId = 1U, ApplyNumberFormat = true, ApplyBorder = true, ApplyAlignment = true },
                new CellFormat { FontId = 3U, ApplyFont = true }) { Count = 7U });
    }
}
