using System.IO.Compression;
using System.Text;

namespace ParIndex.Tests;

/// <summary>
/// Writes an .xlsx archive by hand, part by part, so that tests can build what no spreadsheet program
/// would: a zip bomb (hundreds of megabytes of rows deflated to a few hundred kilobytes), a cell far to
/// the right, thousands of parts. The sheet's XML is streamed into the archive, never held.
/// </summary>
public static class RawXlsx
{
    private const string Relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    /// <summary>A workbook whose one sheet is <paramref name="header"/>'s row then <paramref name="rows"/> (each a row's inner XML, e.g. <c>&lt;c t="inlineStr"&gt;…</c>).</summary>
    public static byte[] Create(string header, IEnumerable<string> rows, int extraParts = 0)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            Put(zip, "[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """);
            Put(zip, "_rels/.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """);
            Put(zip, "xl/workbook.xml", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="{Relationships}"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>
                """);
            Put(zip, "xl/_rels/workbook.xml.rels", $"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{Relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """);
            using (var sheet = new StreamWriter(zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open(), new UTF8Encoding(false), 1 << 16))
            {
                sheet.Write("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
                sheet.Write("<row>");
                sheet.Write(header);
                sheet.Write("</row>");
                foreach (var row in rows)
                {
                    sheet.Write("<row>");
                    sheet.Write(row);
                    sheet.Write("</row>");
                }

                sheet.Write("</sheetData></worksheet>");
            }

            for (var i = 0; i < extraParts; i++)
            {
                Put(zip, $"xl/media/image{i}.bin", "x");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>An inline-string cell.</summary>
    public static string Text(string value) => $"<c t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(value)}</t></is></c>";

    /// <summary>Inline-string cells, one per value.</summary>
    public static string Texts(params string[] values) => string.Concat(values.Select(Text));

    private static void Put(ZipArchive zip, string name, string text)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(text.Trim());
    }
}
