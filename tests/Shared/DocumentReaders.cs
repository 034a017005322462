using System.Diagnostics;
using System.Text;

namespace ParIndex.Tests;

/// <summary>
/// Real clients for the exports: LibreOffice opens an .xlsx and writes every sheet as CSV; poppler
/// reads a PDF's text layer (pdftotext) and renders its pages (pdftoppm). test.sh installs both.
/// </summary>
public static class DocumentReaders
{
    /// <summary>Every sheet of an .xlsx as LibreOffice reads it, by sheet name: rows of cells (raw values, not as shown).</summary>
    public static async Task<Dictionary<string, List<string[]>>> SheetsAsync(byte[] xlsx)
    {
        var folder = Directory.CreateTempSubdirectory("parindex-lo-").FullName;
        try
        {
            var input = Path.Combine(folder, "book.xlsx");
            await File.WriteAllBytesAsync(input, xlsx);
            // Tokens: comma, double quote, UTF-8, from line 1, default formats, language, not quoted as text, detect numbers,
            // raw values (not as shown), no formulas, keep spaces, every sheet (-1: one file per sheet).
            await RunAsync("soffice", ["--headless", $"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", folder, input]);
            var sheets = new Dictionary<string, List<string[]>>(StringComparer.Ordinal);
            foreach (var file in Directory.GetFiles(folder, "book-*.csv"))
            {
                var name = Path.GetFileNameWithoutExtension(file)["book-".Length..];
                sheets[name] = Csv(await File.ReadAllTextAsync(file, Encoding.UTF8));
            }

            if (sheets.Count == 0 && File.Exists(Path.Combine(folder, "book.csv")))
            {
                sheets[""] = Csv(await File.ReadAllTextAsync(Path.Combine(folder, "book.csv"), Encoding.UTF8));
            }

            return sheets;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// The row heights (points) of every sheet as LibreOffice lays them out, by sheet name: it opens the
    /// .xlsx and writes it as flat ODF (.fods), whose row styles carry the heights it uses.
    /// </summary>
    public static async Task<Dictionary<string, List<double>>> RowHeightsAsync(byte[] xlsx)
    {
        var folder = Directory.CreateTempSubdirectory("parindex-lo-").FullName;
        try
        {
            var input = Path.Combine(folder, "book.xlsx");
            await File.WriteAllBytesAsync(input, xlsx);
            await RunAsync("soffice", ["--headless", $"-env:UserInstallation=file://{folder}/profile", "--convert-to", "fods", "--outdir", folder, input]);
            var document = System.Xml.Linq.XDocument.Load(Path.Combine(folder, "book.fods"));
            System.Xml.Linq.XNamespace style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
            System.Xml.Linq.XNamespace table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
            var heights = document.Descendants(style + "style")
                .Where(s => (string?)s.Attribute(style + "family") == "table-row")
                .ToDictionary(s => (string)s.Attribute(style + "name")!,
                    s => Points((string?)s.Element(style + "table-row-properties")?.Attribute(style + "row-height") ?? "0pt"));
            var sheets = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            foreach (var sheet in document.Descendants(table + "table"))
            {
                var rows = new List<double>();
                foreach (var row in sheet.Descendants(table + "table-row").Take(200))
                {
                    var repeated = (int?)row.Attribute(table + "number-rows-repeated") ?? 1;
                    var height = heights.GetValueOrDefault((string?)row.Attribute(table + "style-name") ?? "", 0);
                    rows.AddRange(Enumerable.Repeat(height, Math.Min(repeated, 200)));
                }

                sheets[(string)sheet.Attribute(table + "name")!] = rows;
            }

            return sheets;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        static double Points(string length)
        {
            var units = new Dictionary<string, double>(StringComparer.Ordinal) { ["pt"] = 1, ["in"] = 72, ["cm"] = 72 / 2.54, ["mm"] = 72 / 25.4 };
            var unit = units.Keys.First(length.EndsWith);
            return double.Parse(length[..^unit.Length], System.Globalization.CultureInfo.InvariantCulture) * units[unit];
        }
    }

    /// <summary>
    /// A document converted by LibreOffice (e.g. a .docx to Word 97 "doc", an .xlsx to Excel 97 "xls"): real files
    /// of the old formats, made by a real writer.
    /// </summary>
    public static async Task<byte[]> ConvertAsync(byte[] document, string fromExtension, string toFormat)
    {
        var folder = Directory.CreateTempSubdirectory("parindex-lo-").FullName;
        try
        {
            var input = Path.Combine(folder, "doc" + fromExtension);
            await File.WriteAllBytesAsync(input, document);
            await RunAsync("soffice", ["--headless", $"-env:UserInstallation=file://{folder}/profile", "--convert-to", toFormat, "--outdir", folder, input]);
            return await File.ReadAllBytesAsync(Path.Combine(folder, "doc." + toFormat.Split(':')[0]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The PDF's text layer, page breaks as form feeds (pdftotext -layout).</summary>
    public static async Task<string> PdfTextAsync(byte[] pdf)
    {
        var folder = Directory.CreateTempSubdirectory("parindex-pdf-").FullName;
        try
        {
            var input = Path.Combine(folder, "doc.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            await RunAsync("pdftotext", ["-layout", "-enc", "UTF-8", input, Path.Combine(folder, "doc.txt")]);
            return await File.ReadAllTextAsync(Path.Combine(folder, "doc.txt"), Encoding.UTF8);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>Renders every page of a PDF to PNG files "{prefix}-N.png" (pdftoppm); returns their paths.</summary>
    public static async Task<IReadOnlyList<string>> PdfToPngAsync(byte[] pdf, string prefix, int resolution = 60)
    {
        var input = prefix + ".pdf";
        await File.WriteAllBytesAsync(input, pdf);
        await RunAsync("pdftoppm", ["-png", "-r", resolution.ToString(System.Globalization.CultureInfo.InvariantCulture), input, prefix]);
        var folder = Path.GetDirectoryName(prefix)!;
        var name = Path.GetFileName(prefix);
        return [.. Directory.GetFiles(folder, name + "-*.png").Order(StringComparer.Ordinal)];
    }

    /// <summary>Cells of a CSV text (quotes doubled inside quoted cells, line breaks allowed inside them).</summary>
    public static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\n')
            {
                row.Add(cell.ToString().TrimEnd('\r'));
                cell.Clear();
                rows.Add([.. row]);
                row.Clear();
            }
            else
            {
                cell.Append(c);
            }
        }

        if (cell.Length > 0 || row.Count > 0)
        {
            row.Add(cell.ToString());
            rows.Add([.. row]);
        }

        return rows;
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited {process.ExitCode}: {await error} {await output}");
        }
    }
}
