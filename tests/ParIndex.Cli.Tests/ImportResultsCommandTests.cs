using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ParIndex.Tests;

namespace ParIndex.Cli.Tests;

/// <summary>The import command against a real PostgreSQL database (named through the environment, as in production).</summary>
[Collection(DatabaseEnvironment.Name)]
public sealed class ImportResultsCommandTests : IAsyncLifetime
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("parindex-import-");
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Environment.SetEnvironmentVariable(ImportResultsCommand.ConnectionVariable, _database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(ImportResultsCommand.ConnectionVariable, null);
        await _database.DisposeAsync();
        _folder.Delete(recursive: true);
    }

    [Fact]
    public async Task ImportResults_IntoAnEmptyDatabase_MigratesAndStores_ThenRefusesTheSameYear()
    {
        var file = Path.Combine(_folder.FullName, "hanoi-2022.csv");
        await File.WriteAllTextAsync(file, "đơn vị;khối;điểm thẩm định;điểm điều tra xã hội học;điểm tối đa\n" +
            "Sở Lao động - Thương binh và Xã hội;Khối sở, ngành;62,25;27,14;97,5\nQuận Hoàn Kiếm;Khối quận, huyện;64,43;29,73;98\n");

        var first = await RunAsync("import-results", file, "--year", "2022");
        var second = await RunAsync("import-results", file, "--year", "2022");

        Assert.Equal((0, "Imported 2 results for 2022 (2 new blocs, 2 new units).\n"), (first.Exit, first.Output.ReplaceLineEndings("\n")));
        Assert.Equal((2, ""), (second.Exit, second.Output));
        Assert.Contains("Năm 2022 đã có 2 kết quả nhập từ tệp", second.Error, StringComparison.Ordinal);
        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.UnitResults.CountAsync());
    }

    [Fact]
    public async Task ImportResults_BadTableOrNoYear_ExitsWith2_AndStoresNothing()
    {
        var file = Path.Combine(_folder.FullName, "bad.csv");
        await File.WriteAllTextAsync(file, "unit,bloc,appraisal,survey\nA,B,1,x\n");

        var bad = await RunAsync("import-results", file, "--year", "2021");
        var noYear = await RunAsync("import-results", file);

        Assert.Equal(2, bad.Exit);
        Assert.Contains("dòng 2, cột D 'survey': 'x' không phải là số", bad.Error, StringComparison.Ordinal);
        Assert.Equal(2, noYear.Exit);
        Assert.Contains("--year", noYear.Error, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
