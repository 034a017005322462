using System.Globalization;
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

    private readonly SpreadsheetDocument _document;
    private readonly WorkbookPart _workbook;
    private readonly List<(string Name, string PartId)> _sheets = [];
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private OpenXmlWriter? _sheet;
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
        _sheet = OpenXmlWriter.Create(part);
        _sheet.WriteStartElement(new Worksheet());
        _sheet.WriteElement(new SheetProperties(new PageSetupProperties { FitToPage = true }));
        _sheet.WriteStartElement(new SheetViews());
        _sheet.WriteElement(new SheetView { WorkbookViewId = 0U });
        _sheet.WriteEndElement();
        _sheet.WriteStartElement(new Columns());
        for (var i = 0; i < widths.Count; i++)
        {
            _sheet.WriteElement(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = widths[i], CustomWidth = true });
        }

        _sheet.WriteEndElement();
        _sheet.WriteStartElement(new SheetData());
        _row = 0;
    }

    /// <summary>Writes one row; each value is text (string), a number (decimal/int) or empty (null), with its style.</summary>
    public void Row(params (object? Value, Style Style)[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var sheet = _sheet ?? throw new InvalidOperationException("Start a sheet first.");
        _row++;
        sheet.WriteStartElement(new Row { RowIndex = (uint)_row });
        for (var i = 0; i < cells.Length; i++)
        {
            var (value, style) = cells[i];
            var reference = ColumnName(i) + _row.ToString(CultureInfo.InvariantCulture);
            switch (value)
            {
                case null:
                    sheet.WriteElement(new Cell { CellReference = reference, StyleIndex = (uint)style });
                    break;
                case string text:
                    sheet.WriteElement(new Cell(new InlineString(new Text(Clean(text)) { Space = SpaceProcessingModeValues.Preserve }))
                    {
                        CellReference = reference,
                        DataType = CellValues.InlineString,
                        StyleIndex = (uint)style,
                    });
                    break;
                case decimal number:
                    sheet.WriteElement(new Cell(new CellValue(number.ToString(CultureInfo.InvariantCulture))) { CellReference = reference, StyleIndex = (uint)style });
                    break;
                case int whole:
                    sheet.WriteElement(new Cell(new CellValue(whole.ToString(CultureInfo.InvariantCulture))) { CellReference = reference, StyleIndex = (uint)style });
                    break;
                default:
                    throw new ArgumentException($"Cell {reference}: {value.GetType().Name} is not text or a number.", nameof(cells));
            }
        }

        sheet.WriteEndElement();
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
        if (_sheet is null)
        {
            return;
        }

        _sheet.WriteEndElement(); // SheetData
        _sheet.WriteElement(new PageSetup { Orientation = OrientationValues.Landscape, PaperSize = 9U, FitToWidth = 1U, FitToHeight = 0U });
        _sheet.WriteEndElement(); // Worksheet
        _sheet.Dispose();
        _sheet = null;
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
