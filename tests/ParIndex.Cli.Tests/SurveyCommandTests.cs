using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Tests;

namespace ParIndex.Cli.Tests;

/// <summary><c>parindex survey import</c> against the demo database: clean file, the same file again, a bad file.</summary>
[Collection(DatabaseEnvironment.Name)]
public sealed class SurveyCommandTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private string _folder = null!;

    public async Task InitializeAsync()
    {
        _database = await DemoDatabases.CreateAsync();

        _folder = Directory.CreateTempSubdirectory("parindex-survey-").FullName;
        Environment.SetEnvironmentVariable(CliServices.ConnectionVariable, _database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(CliServices.ConnectionVariable, null);
        Directory.Delete(_folder, recursive: true);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task SurveyImport_StoresACleanFileOnce_AndNamesEveryBadCell()
    {
        var good = Path.Combine(_folder, "phieu.csv");
        await File.WriteAllTextAsync(good, "unit;group;respondent;ND1;DN6\nSO01;nguoidan;cli-1;5;\nXA02;doanhnghiep;cli-2;;2\n");
        var bad = Path.Combine(_folder, "sai.csv");
        await File.WriteAllTextAsync(bad, "unit,group,respondent,ND1,DN6\nSO01,nguoidan,cli-9,0,\nSO01,nguoidan,cli-10,,3\n");

        var first = await RunAsync("survey", "import", good, "--year", "2025");
        var again = await RunAsync("survey", "import", good, "--year", "2025");
        var refused = await RunAsync("survey", "import", bad, "--year", "2025");
        var noYear = await RunAsync("survey", "import", good, "--year", "1999");

        Assert.Equal(0, first.Exit);
        Assert.Contains("Imported 2 responses into 2025", first.Output, StringComparison.Ordinal);
        Assert.Contains("Survey points recomputed for 50 units", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, again.Exit);
        Assert.Contains("already imported", again.Output, StringComparison.Ordinal);
        Assert.Equal(2, refused.Exit);
        Assert.Contains("sai.csv: dòng 2, cột D 'ND1'", refused.Error, StringComparison.Ordinal);
        Assert.Contains("sai.csv: dòng 3, cột E 'DN6'", refused.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", refused.Error, StringComparison.Ordinal);
        Assert.Equal(2, noYear.Exit);
        await using var db = _database.CreateContext();
        Assert.Equal(2, await db.SurveyRespondents.CountAsync(r => r.RespondentKey.StartsWith("cli-")));
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var input = new StringReader("");
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await CliApp.RunAsync(args, input, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
