using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ParIndex.Core.Reports;

/// <summary>
/// Writes an .xlsx sheet by sheet and row by row with OpenXML's streaming writer (no DOM of the
/// sheet in memory), so a national detail of half a million rows takes bounded memory. Text is
/// written inline, numbers as numbers with a two-decimal or whole-number format.
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

    private const string Main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
    private static readonly XmlWriterSettings XmlSettings = new() { Encoding = new UTF8Encoding(false), CloseOutput = true };
    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly List<(string Name, string PartId)> _sheets = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _columns = [];
    private XmlWriter? _sheet;
    private int _row;

    public SpreadsheetWriter(Stream stream)
    {
        _document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        _workbook = _document.AddWorkbookPart();
        _workbook.AddNewPart<WorkbookStylesPart>().Stylesheet = Styles();
    }

    /// <summary>Starts a sheet (the previous one is finished); <paramref name="widths"/> are column widths in characters.</summary>
    public void StartSheet(string name, IReadOnlyList<double> widths)
    {
        ArgumentNullException.ThrowIfNull(widths);
        EndSheet();
        var part = _workbook.AddNewPart<WorksheetPart>();
        _sheets.Add((UniqueName(name), _workbook.GetIdOfPart(part)));
        // The sheet's XML is written straight to the part's stream: no element objects per cell (ADR 0011).
        var xml = _sheet = XmlWriter.Create(part.GetStream(FileMode.Create, FileAccess.Write), XmlSettings);
        xml.WriteStartElement("worksheet", Main);
        xml.WriteStartElement("sheetPr", Main);
        xml.WriteStartElement("pageSetUpPr", Main);
        xml.WriteAttributeString("fitToPage", "1");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("sheetViews", Main);
        xml.WriteStartElement("sheetView", Main);
        xml.WriteAttributeString("workbookViewId", "0");
        xml.WriteEndElement();
        xml.WriteEndElement();
        xml.WriteStartElement("cols", Main);
        for (var i = 0; i < widths.Count; i++)
        {
            var index = (i + 1).ToString(CultureInfo.InvariantCulture);
            xml.WriteStartElement("col", Main);
            xml.WriteAttributeString("min", index);
            xml.WriteAttributeString("max", index);
            xml.WriteAttributeString("width", widths[i].ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("customWidth", "1");
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteStartElement("sheetData", Main);
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
        var row = _row.ToString(CultureInfo.InvariantCulture);
        xml.WriteStartElement("row", Main);
        xml.WriteAttributeString("r", row);
        if (height is { } points)
        {
            xml.WriteAttributeString("ht", points.ToString(CultureInfo.InvariantCulture));
            xml.WriteAttributeString("customHeight", "1");
        }
        for (var i = 0; i < cells.Length; i++)
        {
            var (value, style) = cells[i];
            xml.WriteStartElement("c", Main);
            xml.WriteAttributeString("r", Column(i) + row);
            if (style != Style.Plain)
            {
                xml.WriteAttributeString("s", ((uint)style).ToString(CultureInfo.InvariantCulture));
            }

            switch (value)
            {
                case null:
                    break;
                case string text:
                    xml.WriteAttributeString("t", "inlineStr");
                    xml.WriteStartElement("is", Main);
                    xml.WriteStartElement("t", Main);
                    xml.WriteAttributeString("xml", "space", null, "preserve");
                    xml.WriteString(Clean(text));
                    xml.WriteEndElement();
                    xml.WriteEndElement();
                    break;
                case decimal number:
                    xml.WriteElementString("v", Main, number.ToString(CultureInfo.InvariantCulture));
                    break;
                case int whole:
                    xml.WriteElementString("v", Main, whole.ToString(CultureInfo.InvariantCulture));
                    break;
                default:
                    throw new ArgumentException($"Cell {Column(i)}{row}: {value.GetType().Name} is not text or a number.", nameof(cells));
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>An empty row.</summary>
    public void Skip() => _row++;

    /// <summary>Finishes the workbook; the stream then holds the whole file.</summary>
    public void Dispose()
    {
        EndSheet();
        using (var writer = OpenXmlWriter.Create(_workbook))
        {
            writer.WriteStartElement(new Workbook());
            writer.WriteStartElement(new Sheets());
            for (var i = 0; i < _sheets.Count; i++)
            {
                writer.WriteElement(new Sheet { Name = _sheets[i].Name, SheetId = (uint)(i + 1), Id = _sheets[i].PartId });
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
        }

        _document.Dispose();
    }

    private void EndSheet()
    {
        if (_sheet is not { } xml)
        {
            return;
        }

        xml.WriteEndElement(); // sheetData
        xml.WriteStartElement("pageSetup", Main);
        xml.WriteAttributeString("paperSize", "9");
        xml.WriteAttributeString("fitToWidth", "1");
        xml.WriteAttributeString("fitToHeight", "0");
        xml.WriteAttributeString("orientation", "landscape");
        xml.WriteEndElement();
        xml.WriteEndElement(); // worksheet
        xml.Dispose();
        _sheet = null;
    }

    private string Column(int index)
    {
        while (_columns.Count <= index)
        {
            _columns.Add(ColumnName(_columns.Count));
        }

        return _columns[index];
    }

    /// <summary>A sheet name Excel accepts: at most 31 characters, none of []:*?/\, unique.</summary>
    private string UniqueName(string name)
    {
        var clean = new string([.. name.Select(c => "[]:*?/\\".Contains(c, StringComparison.Ordinal) ? '-' : c)]).Trim();
        clean = clean.Length == 0 ? "Sheet" : clean[..Math.Min(clean.Length, 31)];
        var candidate = clean;
        for (var n = 2; !_names.Add(candidate); n++)
        {
            var suffix = $" ({n})";
            candidate = clean[..Math.Min(clean.Length, 31 - suffix.Length)] + suffix;
        }

        return candidate;
    }

    /// <summary>Drops characters XML cannot carry (control characters other than tab and line breaks).</summary>
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c is not ('\t' or '\n' or '\r')) ? new string([.. text.Where(c => !char.IsControl(c) || c is '\t' or '\n' or '\r')]) : text;

    internal static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

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
