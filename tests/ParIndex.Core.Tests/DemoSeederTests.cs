using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Results;
using ParIndex.Scoring;
using ParIndex.Scoring.Rules;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>One seeded demo database shared by the tests of this class.</summary>
public sealed class DemoDatabase : MigratedStore
{
    public bool SeededFirstTime { get; private set; }

    protected override async Task SeedAsync() => SeededFirstTime = await Seeder().SeedAsync();

    /// <summary>A seeder in a scope of its own.</summary>
    public DemoSeeder Seeder() => Services.CreateScope().ServiceProvider.GetRequiredService<DemoSeeder>();
}

public sealed class DemoSeederTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    [Fact]
    public void DemoFramework_HasTheNationalShape()
    {
        var framework = DemoFramework.Create("demo");

        Assert.Equal(8, framework.Areas.Count);
        Assert.Equal(68m, framework.AppraisalMaximum);
        Assert.Equal(32m, framework.SurveyMaximum);
        Assert.Equal(10m, framework["8.3"].MaxPoints);
        Assert.InRange(framework.Leaves.Count, 80, 100);
        var ruleTypes = framework.Leaves.Select(l => l.Rule!.GetType()).Distinct().ToList();
        Assert.Equal(6, ruleTypes.Count);
    }

    [Fact]
    public async Task Seed_SecondTime_DoesNothing()
    {
        Assert.True(demo.SeededFirstTime);
        await using var db = demo.Database.CreateContext();

        Assert.False(await demo.Seeder().SeedAsync());
        Assert.Equal(2, await db.Years.CountAsync());
        Assert.Equal(50, await db.Units.CountAsync());
    }

    [Fact]
    public async Task Ranking_ShowsTwoBlocs_ATie_RankChanges_AndClasses()
    {
        await using var db = demo.Database.CreateContext();

        var ranking = await new RankingService(db).GetAsync(DemoSeeder.CurrentYear);

        Assert.NotNull(ranking);
        Assert.True(ranking.IsDemo);
        Assert.Equal(DemoSeeder.CurrentYear - 1, ranking.ComparedWithYear);
        Assert.Equal([20, 30], ranking.Blocs.Select(b => b.Units.Count));
        var departments = ranking.Blocs[0].Units;
        Assert.Contains(departments, u => departments.Count(o => o.Rank == u.Rank) == 2);
        Assert.All(ranking.Blocs.SelectMany(b => b.Units), u => Assert.NotNull(u.RankChange));
        Assert.Contains(ranking.Blocs.SelectMany(b => b.Units), u => u.RankChange > 0);
        Assert.Contains(ranking.Blocs.SelectMany(b => b.Units), u => u.ApplicableMaximum < 100m);
        Assert.All(ranking.Blocs.SelectMany(b => b.Units), u => Assert.NotNull(u.Class));
        Assert.All(ranking.Blocs, b => Assert.Equal(b.Units.Select(u => u.Rank).Order(), b.Units.Select(u => u.Rank)));
    }

    [Fact]
    public async Task StoredResults_EqualTheEngineOnTheStoredScores()
    {
        await using var db = demo.Database.CreateContext();
        var year = await db.Years.SingleAsync(y => y.Year == DemoSeeder.CurrentYear);
        var version = await db.Frameworks.Include(f => f.Nodes).SingleAsync(f => f.AssessmentYearId == year.Id);
        var framework = StoredFramework.From(version, version.Nodes);
        var unit = await db.Units.SingleAsync(u => u.Code == "XA07");
        var inputs = framework.Framework.NewInputs();
        foreach (var score in await db.LeafScores.Where(s => s.AssessmentYearId == year.Id && s.UnitId == unit.Id).ToListAsync())
        {
            inputs[framework.LeafIndexOf(score.NodeId)] = ResultsService.ToInput(score);
        }

        var expected = framework.Framework.Score(inputs).Index;
        var stored = await db.UnitResults.SingleAsync(r => r.AssessmentYearId == year.Id && r.UnitId == unit.Id);

        Assert.Equal(expected.Appraisal, stored.Appraisal);
        Assert.Equal(expected.Survey, stored.Survey);
        Assert.Equal(expected.ApplicableMaximum, stored.ApplicableMaximum);
        Assert.Equal(ResultSource.Computed, stored.Source);
        Assert.Equal(framework.Framework.Leaves.Count, inputs.Length);
        Assert.Contains(framework.Framework.Leaves, l => l.Rule is RateRule);
    }

    [Fact]
    public async Task StoredFramework_RoundTripsTheDemoFramework()
    {
        await using var db = demo.Database.CreateContext();
        var version = await db.Frameworks.Include(f => f.Nodes).FirstAsync();

        var framework = StoredFramework.From(version, version.Nodes).Framework;
        var original = DemoFramework.Create("x");

        Assert.Equal(original.Nodes.Select(n => (n.Code, n.Name, n.MaxPoints, n.Component, n.Rule?.ToString())),
            framework.Nodes.Select(n => (n.Code, n.Name, n.MaxPoints, n.Component, n.Rule?.ToString())));
        Assert.Contains(await db.LeafScores.Select(s => s.Kind).Distinct().ToListAsync(), k => k == LeafInputKind.NotApplicable);
    }
}

public sealed class UnitScoreCardTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    [Fact]
    public async Task ScoreCard_OfAUnitWithNotApplicableLeaves_AddsUpToItsRankingLine()
    {
        await using var db = demo.Database.CreateContext();
        var rankings = new RankingService(db);
        var ranking = await rankings.GetAsync(DemoSeeder.CurrentYear);
        var line = ranking!.Blocs.SelectMany(b => b.Units).First(u => u.ApplicableMaximum < 100m);

        var card = await new UnitScoreCardService(db, rankings).GetAsync(DemoSeeder.CurrentYear, line.UnitCode.ToLowerInvariant());

        Assert.NotNull(card);
        Assert.Equal(line, card.Ranking);
        var areas = card.Nodes.Where(n => n.Level == NodeLevel.Area).ToList();
        Assert.Equal(8, areas.Count);
        Assert.Equal(line.ApplicableMaximum, areas.Sum(a => a.ApplicableMaximum));
        Assert.InRange(areas.Sum(a => a.Points + a.BonusPenalty), line.Total - 0.05m, line.Total + 0.05m); // rounded parts
        var notApplicable = card.Nodes.Where(n => n.IsLeaf && n.NotApplicable).ToList();
        Assert.NotEmpty(notApplicable);
        Assert.All(notApplicable, n => Assert.Equal((0m, LeafInputKind.NotApplicable), (n.ApplicableMaximum, n.InputKind!.Value)));
        Assert.Equal(100m - line.ApplicableMaximum, notApplicable.Sum(n => n.MaxPoints));
        Assert.Null(await new UnitScoreCardService(db, rankings).GetAsync(DemoSeeder.CurrentYear, "NOPE"));
    }
}
