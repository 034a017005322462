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
/// Importing 1,000,000 survey response rows from a CSV (the demo questionnaire's 32 question columns,
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

        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Warning));
        services.AddParIndexCore(database);
        _services = services.BuildServiceProvider();
        await DatabaseMigrator.MigrateAsync(_services);
        await _services.CreateScope().ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        _csv = Generate();
    }

    /// <summary>Each iteration starts from the demo's own responses only.</summary>
    [IterationSetup]
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
    public void Cleanup() => _services.Dispose();

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
