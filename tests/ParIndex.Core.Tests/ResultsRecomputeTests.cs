using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ParIndex.Benchmarks;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Results;
using ParIndex.Core.Units;
using ParIndex.Core.Years;
using ParIndex.Scoring;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>
/// The incremental path (one unit recomputed after its finalisation or amendment) and the full-year
/// recompute give the same stored results and areas, row for row, on generated data (the benchmarks'
/// national framework: every rule type, not-applicable leaves, bonus and penalty); and both equal the
/// engine scoring the generated inputs directly.
/// </summary>
public sealed class ResultsRecomputeTests : MigratedStore
{
    private const int Year = 2025;
    private const int Finalised = 300; // above ResultsService.ParallelFrom (256): the full recompute reads the year in two halves on one snapshot
    private const int NotFinal = 20;

    private static readonly NationalData Data = new(seed: 77);

    private List<Unit> _units = [];
    private int _yearId;
    private int[] _leafNodeIds = [];

    [Fact]
    public async Task OneUnitAtATime_EqualsTheFullRecompute_AndTheEngine()
    {
        // Incremental: each finalised unit on its own, in a shuffled order; the non-final ones are no-ops.
        var order = _units.Select(u => u.Id).OrderBy(id => (id * 7919) % 1009).ToList();
        foreach (var id in order)
        {
            var expected = _units.FindIndex(u => u.Id == id) < Finalised ? 1 : 0;
            Assert.Equal(expected, await Results().RecomputeUnitAsync(Year, id));
        }

        var incremental = await SnapshotAsync();
        Assert.Equal(Finalised, incremental.Results.Count);
        Assert.Equal(Finalised * Data.Framework.Areas.Count, incremental.Areas.Count);

        await using (var db = Database.CreateContext())
        {
            await db.UnitResults.ExecuteDeleteAsync(); // the areas are stored with them
        }

        Assert.Equal(Finalised, await Results().RecomputeAsync(Year));
        var full = await SnapshotAsync();
        Assert.Equal(incremental.Results, full.Results);
        Assert.Equal(incremental.Areas, full.Areas);

        // Both are what the engine gives for the generated inputs (they went through numeric and back).
        for (var u = 0; u < Finalised; u++)
        {
            var scored = Data.Framework.Score(Data.Inputs[u]);
            var index = scored.Index;
            Assert.Equal(
                $"{index.Appraisal}|{index.Survey}|{index.BonusPenalty}|{index.ApplicableMaximum}|{index.AppraisalMaximum}|{index.SurveyMaximum}",
                full.Results[_units[u].Id]);
            foreach (var area in Data.Framework.Areas)
            {
                Assert.Equal($"{scored[area].ApplicableMaximum}|{scored[area].Achieved}", full.Areas[(_units[u].Id, area.Code)].Split('|', 3)[2]);
            }
        }
    }

    [Fact]
    public async Task AmendingOneLeaf_RecomputesThatUnitOnly_AndAgreesWithTheFullRecompute()
    {
        Assert.Equal(Finalised, await Results().RecomputeAsync(Year));
        var before = await SnapshotAsync();
        var changed = _units[17];
        var firstAppraisalRate = Data.Framework.Leaves.First(l => l.Rule is Scoring.Rules.RateRule && l.Component == Component.Appraisal);
        await using (var db = Database.CreateContext())
        {
            // The rate leaf falls to nothing: the unit loses points, every other unit keeps its row as it was.
            var nodeId = _leafNodeIds[firstAppraisalRate.LeafIndex];
            await db.LeafScores.Where(s => s.AssessmentYearId == _yearId && s.UnitId == changed.Id && s.NodeId == nodeId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Kind, LeafInputKind.Rate).SetProperty(x => x.First, 0m).SetProperty(x => x.Second, 10m));
        }

        var stamps = await StampsAsync();
        Assert.Equal(1, await Results().RecomputeUnitAsync(Year, changed.Id));
        var after = await SnapshotAsync();
        var newStamps = await StampsAsync();
        Assert.NotEqual(before.Results[changed.Id], after.Results[changed.Id]);
        Assert.All(_units.Take(Finalised).Where(u => u.Id != changed.Id), u =>
        {
            Assert.Equal(before.Results[u.Id], after.Results[u.Id]);
            Assert.Equal(stamps[u.Id], newStamps[u.Id]);
        });

        Assert.Equal(Finalised, await Results().RecomputeAsync(Year));
        var full = await SnapshotAsync();
        Assert.Equal(after.Results, full.Results);
        Assert.Equal(after.Areas, full.Areas);
    }

    [Fact]
    public async Task AUnitWhoseScoresFailTheirRules_WritesNothing()
    {
        Assert.Equal(Finalised, await Results().RecomputeAsync(Year));
        var before = await SnapshotAsync();
        var tier = Data.Framework.Leaves.First(l => l.Rule is Scoring.Rules.TieredRule);
        await using (var db = Database.CreateContext())
        {
            var nodeId = _leafNodeIds[tier.LeafIndex];
            await db.LeafScores.Where(s => s.AssessmentYearId == _yearId && s.UnitId == _units[3].Id && s.NodeId == nodeId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Kind, LeafInputKind.Tier).SetProperty(x => x.First, 9m));
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => Results().RecomputeAsync(Year));
        await Assert.ThrowsAsync<InvalidOperationException>(() => Results().RecomputeUnitAsync(Year, _units[3].Id));
        var after = await SnapshotAsync();
        Assert.Equal(before.Results, after.Results);
        Assert.Equal(before.Areas, after.Areas);
    }

    private ResultsService Results() => Services.CreateScope().ServiceProvider.GetRequiredService<ResultsService>();

    private sealed record Snapshot(Dictionary<int, string> Results, Dictionary<(int, string), string> Areas);

    private async Task<Snapshot> SnapshotAsync()
    {
        await using var db = Database.CreateContext();
        var results = await db.UnitResults.AsNoTracking().Where(r => r.AssessmentYearId == _yearId).ToListAsync();
        Assert.All(results, r => Assert.Equal(ResultSource.Computed, r.Source));
        var areas = await db.UnitAreaResults.AsNoTracking().Where(a => a.AssessmentYearId == _yearId).ToListAsync();
        return new Snapshot(
            results.ToDictionary(r => r.UnitId,
                r => $"{r.Appraisal}|{r.Survey}|{r.BonusPenalty}|{r.ApplicableMaximum}|{r.AppraisalMaximum}|{r.SurveyMaximum}"),
            areas.ToDictionary(a => (a.UnitId, a.AreaCode), a => $"{a.AreaName}|{a.Position}:{a.MaxPoints}|{a.ApplicableMaximum}|{a.Achieved}"));
    }

    private async Task<Dictionary<int, DateTimeOffset>> StampsAsync()
    {
        await using var db = Database.CreateContext();
        return await db.UnitResults.Where(r => r.AssessmentYearId == _yearId).ToDictionaryAsync(r => r.UnitId, r => r.UpdatedAt);
    }

    /// <summary>
    /// Three blocs of generated units: the first <see cref="Finalised"/> final, the rest still in
    /// appraisal with scores stored (they must not be scored).
    /// </summary>
    protected override async Task SeedAsync()
    {
        await using var db = Database.CreateContext();
        var blocs = Enumerable.Range(0, 3).Select(b => new Bloc { Code = $"B{b}", Name = $"Khối {b}", SortOrder = b }).ToList();
        db.Blocs.AddRange(blocs);
        _units = Enumerable.Range(0, Finalised + NotFinal)
            .Select(u => new Unit { Code = Data.Keys[u], Name = $"Đơn vị {u}", Bloc = blocs[u % 3] }).ToList();
        db.Units.AddRange(_units);
        var year = new AssessmentYear { Year = Year, Title = $"Năm {Year}", CreatedAt = DateTimeOffset.UnixEpoch };
        db.Years.Add(year);
        await db.SaveChangesAsync();
        _yearId = year.Id;
        var version = StoredFramework.ToRows(year.Id, "Bộ chỉ số sinh", Data.Framework);
        db.Frameworks.Add(version);
        await db.SaveChangesAsync();
        _leafNodeIds = version.Nodes.Where(n => n.RuleKind is not null).OrderBy(n => n.SortOrder).Select(n => n.Id).ToArray();
        db.YearUnits.AddRange(_units.Select((u, i) => new YearUnit
        {
            AssessmentYearId = year.Id, UnitId = u.Id, BlocId = u.Bloc!.Id, FrameworkId = version.Id,
            Status = i < Finalised ? UnitStatus.Final : UnitStatus.InAppraisal,
        }));
        await db.SaveChangesAsync();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await Data.CopyLeafScoresAsync(connection, year.Id, [.. _units.Select(u => u.Id)], _leafNodeIds);
    }
}
