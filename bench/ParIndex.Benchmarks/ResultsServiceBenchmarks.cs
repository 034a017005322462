using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Results;
using ParIndex.Scoring;

namespace ParIndex.Benchmarks;

/// <summary>
/// What the secretary waits for when results change, at national scale (4,000 units × 100 leaves in
/// 69 blocs, PostgreSQL): the whole service call, database writes and audit included. Targets
/// (issue 13): one unit's finalisation, amendment or recompute ≤ 20 ms; the year's recompute ≤ 300 ms.
/// Side by side, the baseline: the same read and aggregation of the year's scores as one SQL statement.
/// </summary>
[Config(typeof(ServiceConfig))]
[MemoryDiagnoser]
public class ResultsServiceBenchmarks
{
    private sealed class ServiceConfig : ManualConfig
    {
        public ServiceConfig() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithWarmupCount(3).WithIterationCount(15));
    }

    private const string Unit = "U1234";
    private const string Leaf = "1.1.1"; // an appraisal leaf of points in steps of 0.25
    private const string SurveyLeaf = "1.1.3"; // a survey leaf of three tiers

    private ResultsBenchData _data = null!;
    private Actor _secretary = null!;
    private int _unitId;
    private int _yearId;
    private int _amendments;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _data = ResultsBenchData.Get();
        await _data.CorrectionYearAsync();
        await _data.DraftYearAsync();
        _secretary = await _data.ActorAsync("thuky", Roles.Secretary);
        using var scope = _data.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        _unitId = await db.Units.Where(u => u.Code == Unit).Select(u => u.Id).SingleAsync();
        _yearId = await db.Years.Where(y => y.Year == ResultsBenchData.DraftYear).Select(y => y.Id).SingleAsync();
    }

    [Benchmark(Description = "Year recompute, 4,000 units, nothing changed since the last (ResultsService.RecomputeAsync)")]
    public async Task<int> YearRecompute()
    {
        using var scope = _data.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ResultsService>().RecomputeAsync(ResultsBenchData.DraftYear);
    }

    /// <summary>Before each changed recompute (not timed): one survey leaf of every unit changes, as a survey rescoring does.</summary>
    [IterationSetup(Target = nameof(YearRecomputeAllChanged))]
    public void ChangeEveryUnit()
    {
        using var connection = new NpgsqlConnection(_data.Database);
        connection.Open();
        using var command = new NpgsqlCommand(
            """
            UPDATE leaf_scores s SET first = CASE WHEN s.first = 0 THEN 1 ELSE 0 END
            FROM framework_nodes n WHERE n.id = s.node_id AND n.code = $2 AND s.assessment_year_id = $1
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _yearId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = SurveyLeaf });
        if (command.ExecuteNonQuery() != NationalData.Units)
        {
            throw new InvalidOperationException("the survey leaf was not changed for every unit");
        }
    }

    [Benchmark(Description = "Year recompute, 4,000 units, every unit's result changed (ResultsService.RecomputeAsync)")]
    public async Task<int> YearRecomputeAllChanged()
    {
        using var scope = _data.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ResultsService>().RecomputeAsync(ResultsBenchData.DraftYear);
    }

    [Benchmark(Description = "Baseline: the year's 400,000 scores read and summed by unit and area in one SQL statement")]
    public async Task<int> YearAggregateInSql()
    {
        await using var connection = new NpgsqlConnection(_data.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT s.unit_id, area.code, sum(CASE WHEN s.kind = 5 AND s.second > 0 THEN n.max_points * s.first / s.second ELSE s.first END)
            FROM leaf_scores s
            JOIN framework_nodes n ON n.id = s.node_id
            JOIN framework_nodes c ON c.id = n.parent_id
            JOIN framework_nodes area ON area.id = c.parent_id
            WHERE s.assessment_year_id = $1
            GROUP BY s.unit_id, area.code
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _yearId });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
        }

        return rows;
    }

    [Benchmark(Description = "Baseline: the year's 400,000 scores read through Npgsql, one query on one connection, nothing else")]
    public async Task<decimal> YearScoresReadOnly()
    {
        await using var connection = new NpgsqlConnection(_data.Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT unit_id, node_id, kind, first, second FROM leaf_scores WHERE assessment_year_id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = _yearId });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess);
        var sum = 0m;
        while (await reader.ReadAsync())
        {
            sum += reader.GetInt32(0) + reader.GetInt32(1) + reader.GetInt16(2) + reader.GetDecimal(3) + reader.GetDecimal(4);
        }

        return sum;
    }

    [Benchmark(Description = "One unit recomputed (ResultsService.RecomputeUnitAsync)")]
    public async Task<int> UnitRecompute()
    {
        using var scope = _data.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ResultsService>().RecomputeUnitAsync(ResultsBenchData.DraftYear, _unitId);
    }

    [Benchmark(Description = "Amend one settled leaf of a final unit, with a reason (AssessmentService.AmendFinalAsync)")]
    public async Task<bool> AmendOneLeaf()
    {
        using var scope = _data.Services.CreateScope();
        var points = (++_amendments % 4) * 0.25m;
        var outcome = await scope.ServiceProvider.GetRequiredService<AssessmentService>()
            .AmendFinalAsync(_secretary, ResultsBenchData.CorrectionYear, Unit, Leaf, LeafInput.Points(points), "Đính chính theo biên bản");
        return outcome.Succeeded ? true : throw new InvalidOperationException(outcome.Message);
    }

    /// <summary>Each finalisation starts from the unit taken back to appraisal (not timed).</summary>
    [IterationSetup(Target = nameof(FinaliseOneUnit))]
    public void TakeBack()
    {
        using var scope = _data.Services.CreateScope();
        var outcome = scope.ServiceProvider.GetRequiredService<AssessmentService>()
            .UnfinaliseAsync(_secretary, ResultsBenchData.DraftYear, Unit, "Chấm lại (benchmark)").GetAwaiter().GetResult();
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(outcome.Message);
        }
    }

    [Benchmark(Description = "Finalise one unit (AssessmentService.FinaliseAsync)")]
    public async Task<bool> FinaliseOneUnit()
    {
        using var scope = _data.Services.CreateScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<AssessmentService>()
            .FinaliseAsync(_secretary, ResultsBenchData.DraftYear, Unit);
        return outcome.Succeeded ? true : throw new InvalidOperationException(outcome.Message);
    }
}
