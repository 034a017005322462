using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BenchmarkDotNet.Engines;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ParIndex.Core;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Core.Surveys;

namespace ParIndex.Benchmarks;

/// <summary>
/// Importing 1,000,000 survey response rows from a CSV (the demo questionnaire's 40 question columns, 77 MB,
/// 20,000 respondents for each of the demo's 50 units) into PostgreSQL: read, checked row by row,
/// deduplicated against the year, written with binary COPY. Rescoring is not included (it is the
/// bootstrap's benchmark). Needs PARINDEX_BENCH_DATABASE: a connection string to a server where a
/// scratch database may be created (see docs/benchmarks.md).
/// </summary>
[Config(typeof(InProcessConfig))]
[MemoryDiagnoser]
public class SurveyImportBenchmarks
{
    /// <summary>In process: BenchmarkDotNet's generated project cannot restore Core's ASP.NET Core shared-framework packages here.</summary>
    private sealed class InProcessConfig : ManualConfig
    {
        public InProcessConfig() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5));
    }

    private const int Rows = 1_000_000;
    private ServiceProvider _services = null!;
    private byte[] _csv = [];
    private string _database = "";
    private string _file = "";

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        var server = Environment.GetEnvironmentVariable("PARINDEX_BENCH_DATABASE")
            ?? throw new InvalidOperationException("Set PARINDEX_BENCH_DATABASE (see docs/benchmarks.md).");
        var database = new NpgsqlConnectionStringBuilder(server) { Database = "parindex_bench_import" }.ConnectionString;
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS parindex_bench_import WITH (FORCE); CREATE DATABASE parindex_bench_import", admin);
            await drop.ExecuteNonQueryAsync();
        }

        NpgsqlConnection.ClearAllPools(); // each benchmark's setup starts a new database; the old one's connections were closed by the server

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddParIndexCore(database);
        _services = services.BuildServiceProvider();
        await DatabaseMigrator.MigrateAsync(_services);
        await _services.CreateScope().ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        _csv = Generate();
        _database = database;
        _file = Path.Combine(Path.GetTempPath(), "parindex-bench-survey.csv");
        await File.WriteAllBytesAsync(_file, _csv);
        var header = Encoding.UTF8.GetString(_csv, 0, Array.IndexOf(_csv, (byte)'\n')).Split(',');
        Console.WriteLine($"// survey file: {_csv.Length / 1_000_000.0:0.0} MB, {Rows:N0} rows, {header.Length - 3} question columns");

        // The baseline's table: the file's columns as text, the respondent key unique (as survey_respondents').
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        var columns = string.Join(", ", header.Skip(3).Select((_, i) => $"q{i + 1} text"));
        await using var create = new NpgsqlCommand(
            $"CREATE TABLE copy_baseline (unit text, grp text, respondent_key text COLLATE \"C\" UNIQUE, {columns})", connection);
        await create.ExecuteNonQueryAsync();
    }

    [IterationSetup(Target = nameof(PsqlCopy))]
    public void EmptyBaseline()
    {
        using var connection = new NpgsqlConnection(_database);
        connection.Open();
        using var truncate = new NpgsqlCommand("TRUNCATE copy_baseline", connection);
        truncate.ExecuteNonQuery();
        using var vacuum = new NpgsqlCommand("VACUUM ANALYZE copy_baseline", connection);
        vacuum.ExecuteNonQuery();
    }

    /// <summary>PostgreSQL's own tool on the same file: psql's \copy into a table with the same unique key.</summary>
    [Benchmark(Description = "Baseline: psql \\copy of the same CSV into a table with a unique respondent key")]
    public int PsqlCopy()
    {
        var builder = new NpgsqlConnectionStringBuilder(_database);
        var psql = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin", "psql")).Where(File.Exists).Order().LastOrDefault()
            ?? "psql";
        var start = new System.Diagnostics.ProcessStartInfo(psql)
        {
            ArgumentList = { "-h", builder.Host!, "-U", builder.Username!, "-d", builder.Database!, "-v", "ON_ERROR_STOP=1", "-qc",
                $"\\copy copy_baseline FROM '{_file}' WITH (FORMAT csv, HEADER true)" },
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? Rows : throw new InvalidOperationException(error);
    }

    /// <summary>Each iteration starts from the demo's own responses only.</summary>
    [IterationSetup(Target = nameof(Import))]
    public void Clean()
    {
        using var scope = _services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        db.SurveyImports.Where(i => i.FileName == "bench.csv").ExecuteDelete();
        db.Database.ExecuteSqlRaw("VACUUM ANALYZE survey_respondents");
    }

    [Benchmark(Description = "Import 1,000,000 response rows (CSV)")]
    public async Task<int> Import()
    {
        using var scope = _services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SurveyImportService>()
            .ImportAsync(null, DemoSeeder.CurrentYear, "bench.csv", _csv, score: false);
        return outcome.Succeeded && outcome.Added == Rows ? outcome.Added : throw new InvalidOperationException(string.Join("; ", outcome.Errors));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        File.Delete(_file);
    }

    private static byte[] Generate()
    {
        var questions = DemoSurvey.Questions;
        var groups = DemoSurvey.Groups.Select(g => g.Code).ToArray();
        var csv = new StringBuilder(Rows * 90);
        csv.Append("mã đơn vị,nhóm,mã phiếu,").AppendJoin(',', questions.Select(q => q.Code)).Append('\n');
        var random = new Random(42);
        for (var i = 0; i < Rows; i++)
        {
            var unit = i % 50 < 20 ? $"SO{(i % 20) + 1:00}" : $"XA{(i % 30) + 1:00}";
            var group = groups[i % groups.Length];
            csv.Append(unit).Append(',').Append(group).Append(",bench-").Append(i);
            foreach (var question in questions)
            {
                csv.Append(',');
                if (question.Group == group)
                {
                    csv.Append(question.Kind switch
                    {
                        Scoring.Surveys.QuestionKind.YesNo => random.Next(2),
                        Scoring.Surveys.QuestionKind.Choice => random.Next(1, 4),
                        _ => random.Next(1, 6),
                    });
                }
            }

            csv.Append('\n');
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
