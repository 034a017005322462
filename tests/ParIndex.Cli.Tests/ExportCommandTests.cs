using System.IO.Compression;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Tests;

namespace ParIndex.Cli.Tests;

/// <summary><c>parindex export</c> against the demo database, each file read back by a real reader (LibreOffice, poppler).</summary>
[Collection(DatabaseEnvironment.Name)]
public sealed class ExportCommandTests : IAsyncLifetime
{
    private const int Published = DemoSeeder.CurrentYear - 1;
    private TestDatabase _database = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using (var services = _database.Services())
        {
            await DatabaseMigrator.MigrateAsync(services);
            await services.CreateScope().ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        }

        _folder = Directory.CreateTempSubdirectory("parindex-export-").FullName;
        Environment.SetEnvironmentVariable(CliServices.ConnectionVariable, _database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(CliServices.ConnectionVariable, null);
        Directory.Delete(_folder, recursive: true);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Xlsx_RankingAndDetail_OpenInLibreOffice()
    {
        var annex = Path.Combine(_folder, "phu-luc.xlsx");
        var detail = Path.Combine(_folder, "chi-tiet.xlsx");

        var ranking = await RunAsync("export", "ranking", "--year", $"{Published}", "--out", annex);
        var rows = await RunAsync("export", "detail", "--year", $"{Published}", "--out", detail);

        Assert.True(ranking.Exit == 0, ranking.Error);
        Assert.Contains("(version 1)", ranking.Output, StringComparison.Ordinal);
        var sheets = await DocumentReaders.SheetsAsync(await File.ReadAllBytesAsync(annex));
        Assert.Equal(["Khối sở, ban, ngành", "Khối xã, phường"], sheets.Keys.Order());
        Assert.Equal(20, sheets["Khối sở, ban, ngành"].Count(r => r.Length > 1 && int.TryParse(r[0], out _)));
        Assert.Equal(0, rows.Exit);
        var leaves = int.Parse(System.Text.RegularExpressions.Regex.Match(rows.Output, @"Wrote (\d+) leaf rows").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(leaves, (await DocumentReaders.SheetsAsync(await File.ReadAllBytesAsync(detail))).Single().Value.Count(r => r.Length > 3 && r[1].Length > 0) - 1);
        Assert.Equal(0, leaves % 50);
    }

    [Fact]
    public async Task Pdf_AnnexAndScoreCards_PrintedWithTheirDiacritics()
    {
        var annex = Path.Combine(_folder, "phu-luc.pdf");
        var cards = Path.Combine(_folder, "phieu.zip");

        var printed = await RunAsync("export", "ranking", "--year", $"{Published}", "--out", annex);
        var zipped = await RunAsync("export", "scorecards", "--year", $"{Published}", "--bloc", "xa", "--out", cards);

        Assert.True(printed.Exit == 0, printed.Error);
        var text = await DocumentReaders.PdfTextAsync(await File.ReadAllBytesAsync(annex));
        Assert.Contains($"Quyết định {DemoSeeder.PreviousYearDecision.Number} ngày {DemoSeeder.PreviousYearDecision.Date}", text, StringComparison.Ordinal);
        Assert.Contains("Phường Hoàn Kiếm", text, StringComparison.Ordinal);
        Assert.True(zipped.Exit == 0, zipped.Error);
        using var zip = ZipFile.OpenRead(cards);
        Assert.Equal(30, zip.Entries.Count);
        await using var first = zip.Entries.OrderBy(e => e.FullName, StringComparer.Ordinal).First().Open();
        using var buffer = new MemoryStream();
        await first.CopyToAsync(buffer);
        var card = await DocumentReaders.PdfTextAsync(buffer.ToArray());
        Assert.Contains("Mặt mạnh", card, StringComparison.Ordinal);
        Assert.Contains("Các lĩnh vực so với khối", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadArguments_Exit2_NamingWhatIsWrong_AndWriteNothing()
    {
        var wrongType = await RunAsync("export", "detail", "--year", $"{Published}", "--out", Path.Combine(_folder, "chi-tiet.pdf"));
        var noFolder = await RunAsync("export", "ranking", "--year", $"{Published}", "--out", Path.Combine(_folder, "nope", "a.xlsx"));
        var noYear = await RunAsync("export", "ranking", "--year", "1999", "--out", Path.Combine(_folder, "a.xlsx"));
        var noVersion = await RunAsync("export", "ranking", "--year", $"{Published}", "--version", "7", "--out", Path.Combine(_folder, "b.xlsx"));
        var noBloc = await RunAsync("export", "scorecards", "--year", $"{Published}", "--bloc", "ZZ", "--out", Path.Combine(_folder, "c.zip"));

        Assert.All(new[] { wrongType, noFolder, noYear, noVersion, noBloc }, r => Assert.Equal(2, r.Exit));
        Assert.Contains("writes .xlsx, not '.pdf'", wrongType.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist", noFolder.Error, StringComparison.Ordinal);
        Assert.Contains("no results for 1999", noYear.Error, StringComparison.Ordinal);
        Assert.Contains("no published version 7", noVersion.Error, StringComparison.Ordinal);
        Assert.Contains("no bloc 'ZZ' (blocs: SO, XA)", noBloc.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var input = new StringReader("");
        using var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var error = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var exit = await CliApp.RunAsync(args, input, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
