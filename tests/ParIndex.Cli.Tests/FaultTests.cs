using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Core.Surveys;
using ParIndex.Tests;

namespace ParIndex.Cli.Tests;

/// <summary>
/// Crashes in the middle of a survey import, for real: <c>kill -9</c> of the <c>parindex</c> process while
/// its rows are being copied and while the year is being rescored, and an immediate stop of PostgreSQL
/// itself during the copy. After each: no partial rows, no rows without their points, nothing marked
/// out of date that is not; run again, the file imports once and whole (issue 12, defect 4).
/// </summary>
[Collection(DatabaseEnvironment.Name)]
public sealed class FaultTests
{
    private const int Year = DemoSeeder.CurrentYear;
    private const int Rows = 120_000;

    [Fact]
    public async Task KillingTheImport_WhileCopying_OrWhileRescoring_LeavesAllOrNothing_ThenItImportsOnce()
    {
        await using var database = await DemoDatabases.CreateAsync();
        var file = await BigFileAsync();
        try
        {
            var before = await StateAsync(database);
            foreach (var phase in new[] { Copying, Rescoring })
            {
                var (killed, saw) = await KillWhenAsync(database, file, phase);
                Assert.True(killed, $"the import finished before '{phase}' was seen ({saw})");
                Assert.Equal(before, await StateAsync(database)); // nothing of it: no rows, no import, the same points, no mark
            }

            var finished = await CliAsync(database.ConnectionString, file);
            var after = await StateAsync(database);
            Assert.Equal(0, finished.Exit);
            Assert.Equal((before.Respondents + Rows, before.Imports + 1, (DateTimeOffset?)null), (after.Respondents, after.Imports, after.StaleSince));
            Assert.NotEqual(before.Points, after.Points);
            Assert.Equal(after, await RescoredStateAsync(database)); // the points stored are the points the rows give
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task CrashingPostgres_WhileCopying_LeavesNothing_AndAfterRecoveryTheFileImports()
    {
        await using var server = await PrivatePostgres.StartAsync();
        await using var database = await DemoDatabases.CreateAsync(server.ConnectionString);
        var file = await BigFileAsync();
        try
        {
            var before = await StateAsync(database);
            var import = Start(database.ConnectionString, file);
            Assert.True(await WaitForAsync(database, Copying, import), "the copy was never seen");
            await server.CrashAsync();
            await import.WaitForExitAsync();
            Assert.NotEqual(0, import.ExitCode);

            await server.StartAgainAsync();
            NpgsqlConnection.ClearAllPools();
            Assert.Equal(before, await StateAsync(database));
            var again = await CliAsync(database.ConnectionString, file);
            Assert.Equal(0, again.Exit);
            Assert.Equal(before.Respondents + Rows, (await StateAsync(database)).Respondents);
        }
        finally
        {
            File.Delete(file);
        }
    }

    // The rows being copied in; then the rescoring under way (its year lock taken: the rows are in, their points not yet).
    private const string Copying = "SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND state = 'active' AND query LIKE 'COPY survey_respondents%'";
    private const string Rescoring = "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database " +
        "WHERE d.datname = @name AND l.locktype = 'advisory' AND l.classid = 8073 AND l.granted";

    private sealed record State(int Respondents, int Imports, string Points, DateTimeOffset? StaleSince);

    private static async Task<string> BigFileAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"parindex-fault-{Guid.NewGuid():N}.csv");
        var text = new StringBuilder("mã đơn vị,nhóm,mã phiếu,ND1,ND7,ND8\n");
        for (var i = 0; i < Rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"SO0{1 + (i % 9)},nguoidan,fault-{i},{1 + (i % 5)},{i % 2},{1 + (i % 3)}\n");
        }

        await File.WriteAllTextAsync(path, text.ToString());
        return path;
    }

    private static async Task<State> StateAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var year = await db.Years.AsNoTracking().SingleAsync(y => y.Year == Year);
        var points = string.Join(";", await db.UnitResults.AsNoTracking().Where(r => r.AssessmentYearId == year.Id).OrderBy(r => r.UnitId)
            .Select(r => r.Survey).ToListAsync());
        return new State(await db.SurveyRespondents.CountAsync(r => r.AssessmentYearId == year.Id),
            await db.SurveyImports.CountAsync(i => i.AssessmentYearId == year.Id), points, year.SurveyStaleSince);
    }

    private static async Task<State> RescoredStateAsync(TestDatabase database)
    {
        await using var services = database.Services();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<SurveyScoringService>().ScoreAsync(null, Year, "kiểm tra");
        return await StateAsync(database);
    }

    /// <summary>Starts the import and kills it (-9) as soon as PostgreSQL shows it in <paramref name="phase"/>.</summary>
    private static async Task<(bool Killed, string Saw)> KillWhenAsync(TestDatabase database, string file, string phase)
    {
        using var import = Start(database.ConnectionString, file);
        var seen = await WaitForAsync(database, phase, import);
        if (seen)
        {
            import.Kill(entireProcessTree: true);
        }

        await import.WaitForExitAsync();
        NpgsqlConnection.ClearAllPools();
        return (seen, $"exit {import.ExitCode}");
    }

    /// <summary>Polls PostgreSQL until <paramref name="probe"/> counts something for the database, or the process ends.</summary>
    private static async Task<bool> WaitForAsync(TestDatabase database, string probe, Process import)
    {
        var name = new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;
        var admin = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        for (var waited = Stopwatch.StartNew(); waited.Elapsed < TimeSpan.FromMinutes(3) && !import.HasExited; await Task.Delay(20))
        {
            await using var command = new NpgsqlCommand(probe, connection);
            command.Parameters.AddWithValue("name", name);
            if ((long)(await command.ExecuteScalarAsync())! > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static Process Start(string connectionString, string file)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "parindex.dll"), "survey", "import", file, "--year", Year.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment[CliServices.ConnectionVariable] = connectionString;
        var process = Process.Start(start)!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        return process;
    }

    private static async Task<(int Exit, string Output)> CliAsync(string connectionString, string file)
    {
        using var process = Start(connectionString, file);
        await process.WaitForExitAsync();
        return (process.ExitCode, "");
    }
}
