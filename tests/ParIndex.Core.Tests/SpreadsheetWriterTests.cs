using ParIndex.Core.Reports;
using ParIndex.Tests;
using static ParIndex.Core.Reports.SpreadsheetWriter;

namespace ParIndex.Core.Tests;

/// <summary>The workbook writer's own package, read back by LibreOffice: names, texts XML cannot carry as typed, and texts past the shared table.</summary>
public sealed class SpreadsheetWriterTests
{
    [Fact]
    public async Task Texts_Numbers_SheetNames_AndTextsPastTheSharedTable_ReadBackAsWritten()
    {
        using var file = new MemoryStream();
        using (var book = new SpreadsheetWriter(file))
        {
            book.StartSheet("Khối [1]: sở/ngành", [10, 10]);
            book.Row(("  A & B <c> \"d\" ", Style.Text), (12.345m, Style.Decimal));
            book.Skip();
            book.Row(("điều\u0001khiển\uFFFF", Style.Text), (null, Style.Text), (7, Style.Whole));
            book.StartSheet("Khối [1]: sở/ngành", [10]); // the same name again: made unique
            for (var i = 0; i < SharedLimit + 5; i++)
            {
                book.Row(($"văn bản {i}", Style.Plain));
            }
        }

        var sheets = await DocumentReaders.SheetsAsync(file.ToArray());
        Assert.Equal(["Khối -1-- sở-ngành", "Khối -1-- sở-ngành (2)"], sheets.Keys.Order(StringComparer.Ordinal));
        var first = sheets["Khối -1-- sở-ngành"];
        Assert.Equal(["  A & B <c> \"d\" ", "12.345"], first[0].Take(2));
        Assert.Equal("", first[1][0]);
        Assert.Equal(["điềukhiển", "", "7"], first[2].Take(3));
        var second = sheets["Khối -1-- sở-ngành (2)"];
        Assert.Equal(SharedLimit + 5, second.Count);
        Assert.Equal(Enumerable.Range(0, SharedLimit + 5).Select(i => $"văn bản {i}"), second.Select(r => r[0]));
    }
}
