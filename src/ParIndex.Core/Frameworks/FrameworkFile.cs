using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using ParIndex.Core.Results;
using ParIndex.Scoring;

namespace ParIndex.Core.Frameworks;

/// <summary>
/// A framework as an .xlsx workbook, one row per node: code, parent, name, max, component, rule,
/// parameters (JSON), evidence required. Exported with Vietnamese headers; English headers are read
/// too. Reading reports every bad cell with its line and column; nothing is applied from a bad file.
/// </summary>
public static class FrameworkFile
{
    private enum Column
    {
        Code,
        Parent,
        Name,
        Max,
        Component,
        Rule,
        Parameters,
        EvidenceRequired,
    }

    private static readonly string[] VietnameseHeaders =
        ["mã", "mã cha", "tên", "điểm tối đa", "thành phần", "cách chấm", "tham số", "bắt buộc tài liệu kiểm chứng"];

    private static readonly Dictionary<string, Column> Headers = new(StringComparer.Ordinal)
    {
        ["mã"] = Column.Code, ["code"] = Column.Code,
        ["mã cha"] = Column.Parent, ["parent"] = Column.Parent,
        ["tên"] = Column.Name, ["name"] = Column.Name,
        ["điểm tối đa"] = Column.Max, ["max"] = Column.Max,
        ["thành phần"] = Column.Component, ["component"] = Column.Component,
        ["cách chấm"] = Column.Rule, ["rule"] = Column.Rule,
        ["tham số"] = Column.Parameters, ["parameters"] = Column.Parameters,
        ["bắt buộc tài liệu kiểm chứng"] = Column.EvidenceRequired, ["evidence required"] = Column.EvidenceRequired,
    };

    /// <summary>The rows as an .xlsx workbook (numbers as numbers).</summary>
    public static byte[] Write(IReadOnlyList<FrameworkRowData> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(VietnameseHeaders.Select(Text)));
            foreach (var r in rows)
            {
                data.Append(Row([
                    Text(r.Code), Text(r.Parent ?? ""), Text(r.Name),
                    r.MaxPoints is { } max ? Number(max) : Text(""),
                    Text(r.Component switch { Component.Appraisal => "thẩm định", Component.Survey => "điều tra", _ => "" }),
                    Text(r.RuleKind ?? ""), Text(r.RuleParameters ?? ""), Text(r.EvidenceRequired ? "có" : ""),
                ]));
            }

            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets()).AppendChild(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Bộ chỉ số" });
        }

        return stream.ToArray();

        static Row Row(IEnumerable<Cell> cells) => new(cells);
        static Cell Text(string value) => new() { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value) { Space = SpaceProcessingModeValues.Preserve }) };
        static Cell Number(decimal value) => new() { DataType = CellValues.Number, CellValue = new CellValue(value.ToString(CultureInfo.InvariantCulture)) };
    }

    /// <summary>Reads framework rows from an .xlsx (or CSV) file; every problem is reported with its line and column.</summary>
    public static (IReadOnlyList<FrameworkRowData> Rows, IReadOnlyList<ImportError> Errors) Read(byte[] content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        var errors = new List<ImportError>();
        List<TabularFile.Row> table;
        try
        {
            table = TabularFile.Read(content, TabularLimits.Framework);
        }
        catch (TabularFileException e)
        {
            return ([], [new ImportError(fileName, e.Line, e.Column, e.Message)]);
        }

        if (table.Count == 0)
        {
            return ([], [new ImportError(fileName, 1, null, Messages.Get("FrameworkFileEmpty"))]);
        }

        var header = table[0];
        var columns = new Dictionary<Column, int>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            if (Headers.TryGetValue(ResultsTable.Key(header.Cells[i] ?? ""), out var column))
            {
                columns.TryAdd(column, i);
            }
        }

        foreach (var required in new[] { Column.Code, Column.Parent, Column.Name, Column.Max, Column.Component, Column.Rule })
        {
            if (!columns.ContainsKey(required))
            {
                errors.Add(new ImportError(fileName, header.Line, null,
                    Messages.Get("FrameworkColumnMissing", VietnameseHeaders[(int)required], Headers.First(h => h.Value == required && h.Key.All(char.IsAscii)).Key)));
            }
        }

        if (errors.Count == 0 && table.Count == 1)
        {
            errors.Add(new ImportError(fileName, header.Line + 1, null, Messages.Get("FrameworkNoRows")));
        }

        if (errors.Count > 0)
        {
            return ([], errors);
        }

        var rows = new List<FrameworkRowData>();
        foreach (var line in table.Skip(1))
        {
            string Cell(Column c) => columns.TryGetValue(c, out var i) && i < line.Cells.Length ? (line.Cells[i] ?? "").Trim() : "";
            void Bad(Column c, string message) => errors.Add(new ImportError(fileName, line.Line,
                $"{TabularFile.ColumnLetter(columns[c])} '{header.Cells[columns[c]]}'", message));

            var code = Cell(Column.Code);
            if (code.Length == 0)
            {
                Bad(Column.Code, Messages.Get("FrameworkCodeEmpty"));
                continue;
            }

            if (TextLimits.TooLong(code, TextLimits.Code) is { } codeTooLong)
            {
                Bad(Column.Code, codeTooLong);
                continue;
            }

            if (TextLimits.TooLong(Cell(Column.Parent), TextLimits.Code) is { } parentTooLong)
            {
                Bad(Column.Parent, parentTooLong);
            }

            if (TextLimits.TooLong(Cell(Column.Name), TextLimits.NodeName) is { } nameTooLong)
            {
                Bad(Column.Name, nameTooLong);
            }

            decimal? max = null;
            var maxText = Cell(Column.Max);
            if (maxText.Length > 0)
            {
                if (decimal.TryParse(maxText.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var m))
                {
                    max = m;
                }
                else
                {
                    Bad(Column.Max, Messages.Get("FrameworkNotNumber", maxText));
                }
            }

            Component? component = ResultsTable.Key(Cell(Column.Component)) switch
            {
                "" => null,
                "thẩm định" or "appraisal" => Component.Appraisal,
                "điều tra" or "điều tra xã hội học" or "survey" => Component.Survey,
                var other => Invalid(other),
            };
            var rule = Cell(Column.Rule).ToLowerInvariant();
            var parameters = Cell(Column.Parameters);
            if (rule.Length > 0)
            {
                try
                {
                    RuleCodec.Decode(rule, parameters);
                }
                catch (FormatException e)
                {
                    Bad(Column.Rule, e.Message);
                }
            }

            var evidence = ResultsTable.Key(Cell(Column.EvidenceRequired)) switch
            {
                "" or "không" or "no" or "0" => false,
                "có" or "yes" or "x" or "1" => true,
                var other => InvalidFlag(other),
            };
            rows.Add(new FrameworkRowData(code, Cell(Column.Parent) is { Length: > 0 } p ? p : null, Cell(Column.Name), max, component,
                rule.Length > 0 ? rule : null, parameters.Length > 0 ? parameters : null, evidence));

            Component? Invalid(string text)
            {
                Bad(Column.Component, Messages.Get("FrameworkComponentInvalid", text));
                return null;
            }

            bool InvalidFlag(string text)
            {
                Bad(Column.EvidenceRequired, Messages.Get("FrameworkFlagInvalid", text));
                return false;
            }
        }

        return (rows, errors);
    }

    /// <summary>A file name for a framework export, e.g. <c>bo-chi-so-2026.xlsx</c>.</summary>
    public static string FileName(int year) => string.Create(CultureInfo.InvariantCulture, $"bo-chi-so-{year}.xlsx");
}
