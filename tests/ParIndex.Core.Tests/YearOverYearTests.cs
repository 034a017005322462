using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Core.Units;
using ParIndex.Core.Years;
using ParIndex.Scoring;
using ParIndex.Scoring.Rules;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>
/// Two years of a commune bloc across a framework change (three areas become two, linked) and a
/// merger (three communes become one): rank changes, outstanding progress, area comparisons and the
/// trend go through the links and the lineage. Every expected figure is worked out here from the inputs.
/// </summary>
public sealed class YearOverYearTests : IAsyncLifetime
{
    private const int Before = 2024;
    private const int After = 2025;

    // 2024: A (40), B (30), C (30). 2025: 1 (40) compares with A; 2 (60) with B and C together.
    private static readonly Dictionary<string, decimal[]> Points2024 = new()
    {
        ["P1"] = [30m, 20m, 25m], ["P2"] = [36m, 24m, 18m], ["P3"] = [20m, 27m, 21m],
        ["U1"] = [38m, 28m, 28m], ["U2"] = [37m, 27m, 27m], ["U3"] = [36m, 26m, 26m],
        ["U4"] = [35m, 25m, 25m], ["U5"] = [34m, 24m, 24m], ["U6"] = [20m, 15m, 15m],
    };

    private static readonly Dictionary<string, decimal[]> Points2025 = new()
    {
        ["M"] = [33m, 45m],
        ["U1"] = [38m, 55m], ["U2"] = [37m, 54m], ["U3"] = [36m, 52m],
        ["U4"] = [35m, 50m], ["U5"] = [34m, 48m], ["U6"] = [39m, 58m],
    };

    private TestDatabase _database = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _services = _database.Services(configure: s => s.AddSingleton<TimeProvider>(new FakeClock(new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero))));
        await DatabaseMigrator.MigrateAsync(_services);
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _database.DisposeAsync();
    }

    private T Get<T>() where T : notnull => _services.CreateScope().ServiceProvider.GetRequiredService<T>();

    private static decimal Index(decimal[] points) => points.Sum(); // every maximum applies: the index is the total of 100

    [Fact]
    public async Task RankChange_ThroughAFrameworkChange_AndOutstandingProgress()
    {
        var ranking = (await Get<RankingService>().GetAsync(After))!;
        var bloc = ranking.Blocs.Single();
        var u6 = bloc.Units.Single(u => u.UnitCode == "U6");

        var rank2024 = Points2024.OrderByDescending(p => Index(p.Value)).Select(p => p.Key).ToList().IndexOf("U6") + 1;
        Assert.Equal(1, u6.Rank);
        Assert.Equal(rank2024 - 1, u6.RankChange);
        Assert.Equal(Index(Points2025["U6"]) - Index(Points2024["U6"]), u6.IndexChange);
        // Only U6 qualifies (default rule: 5 places or 5 points): the others moved a place or two, and the
        // merged commune gained 78 − 73,67 = 4,33 points on its predecessors' mean.
        Assert.Equal(["U6"], bloc.Units.Where(u => u.OutstandingProgress).Select(u => u.UnitCode));
    }

    [Fact]
    public async Task MergedCommune_ComparesWithItsPredecessorsCombined_NoRankChange_ShownAsSuch()
    {
        var ranking = (await Get<RankingService>().GetAsync(After))!;
        var merged = ranking.Find("M")!.Value.Line;

        var combined = new[] { "P1", "P2", "P3" }.Average(p => Index(Points2024[p]));
        Assert.Null(merged.RankChange);
        Assert.Equal(["Xã P1", "Xã P2", "Xã P3"], merged.ComparedThrough);
        Assert.Equal(ScoreFormat.Round(Index(Points2025["M"])) - ScoreFormat.Round(combined), merged.IndexChange);
    }

    [Fact]
    public async Task Published_TheSameChangesAreFrozen_AndTheCardComparesAreasThroughTheLinks()
    {
        var secretary = await ActorAsync("secretary", Roles.Secretary);
        var admin = await ActorAsync("admin", Roles.Administrator);
        var publications = Get<PublicationService>();
        foreach (var (year, number) in new[] { (Before, "10/QĐ-UBND"), (After, "20/QĐ-UBND") })
        {
            if ((await publications.StateAsync(year))!.LatestPublished is null)
            {
                Assert.True((await publications.ProposeAsync(secretary, year, null)).Succeeded);
                Assert.True((await publications.PublishAsync(admin, year, number, "01/05/2026")).Succeeded);
            }
        }

        var live = (await Get<RankingService>().GetAsync(After))!;
        var published = (await publications.GetRankingAsync(After))!;
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(live.Blocs), System.Text.Json.JsonSerializer.Serialize(published.Blocs));

        var card = (await publications.GetCardAsync(After, "M"))!;
        var analysis = await Get<UnitAnalysisService>().AnalyseAsync(null, card);

        // Area 1 compares with A; area 2 with B and C together; the merged commune with the mean of its three predecessors.
        decimal Mean(Func<decimal[], decimal> subIndex) => new[] { "P1", "P2", "P3" }.Average(p => subIndex(Points2024[p]));
        // (Compared to 20 decimals: the order of a 28-digit sum may move the last digit.)
        static decimal? R(decimal? x) => x is { } v ? Math.Round(v, 20) : null;
        Assert.Equal(R(Mean(p => p[0] * 100m / 40m)), R(analysis.Areas.Single(a => a.Code == "1").Previous));
        Assert.Equal(R(Mean(p => (p[1] + p[2]) * 100m / 60m)), R(analysis.Areas.Single(a => a.Code == "2").Previous));
        var area2 = analysis.Areas.Single(a => a.Code == "2");
        Assert.Equal(R(Points2025.Values.Average(p => p[1] * 100m / 60m)), R(area2.BlocAverage));
        Assert.Equal(R(Points2025.Values.Max(p => p[1] * 100m / 60m)), R(area2.BlocBest));

        // The trend shows 2024 as the predecessors combined (no rank), then the commune itself.
        Assert.Equal([Before, After], analysis.Trend.Select(t => t.Year));
        Assert.Equal(["Xã P1", "Xã P2", "Xã P3"], analysis.Trend[0].CombinedFrom);
        Assert.Null(analysis.Trend[0].Rank);
        Assert.Equal(ScoreFormat.Round(new[] { "P1", "P2", "P3" }.Average(p => ScoreFormat.Round(Index(Points2024[p])))), analysis.Trend[0].Index);
        Assert.Equal(card.Ranking.Rank, analysis.Trend[1].Rank);

        // Weak areas are named in sentences with the gap to the bloc average.
        var gap = ScoreFormat.Round(45m * 100m / 60m) - ScoreFormat.Round(area2.BlocAverage!.Value);
        Assert.True(gap <= -UnitAnalysisService.Margin);
        Assert.Contains(analysis.Weaknesses, w => w.StartsWith("Cải cách hành chính tổng hợp:", StringComparison.Ordinal)
            && w.Contains($"thấp hơn trung bình khối {(-gap).ToString("N2", System.Globalization.CultureInfo.CurrentCulture)} điểm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AreaLinks_AreCheckedByArea_Audited_AndRefusedOnceTheYearIsProposed()
    {
        var admin = await ActorAsync("admin", Roles.Administrator);
        var service = Get<AreaLinkService>();
        var (later, earlier) = await FrameworkIdsAsync();

        var shown = await service.GetAsync(later);
        var bad = await service.SetAsync(admin, After, later, earlier,
            new Dictionary<string, IReadOnlyList<string>> { ["1"] = ["A", "Z"], ["9"] = ["B"] }, null);
        var byCode = await service.SetAsync(admin, After, later, earlier,
            new Dictionary<string, IReadOnlyList<string>> { ["1"] = [], ["2"] = [] }, "so sánh theo mã");

        Assert.Equal([["A"], ["B", "C"]], shown!.Areas.Select(a => a.EarlierAreaCodes));
        Assert.Equal(["A", "B", "C"], shown.EarlierAreas.Select(a => a.Code));
        Assert.Equal(OutcomeKind.Invalid, bad.Kind);
        Assert.Equal(["1", "9"], bad.Problems.Select(p => p.Field).Order());
        Assert.Contains(bad.Problems, p => p.Message.Contains("\"Z\"", StringComparison.Ordinal));
        Assert.True(byCode.Succeeded);
        Assert.True((await service.GetAsync(later))!.ByCode);
        await using (var db = _database.CreateContext())
        {
            var entry = await db.AuditEntries.SingleAsync(a => a.Reason == "so sánh theo mã");
            Assert.Equal(("1←A; 2←B,C", "(theo mã)"), (entry.OldValue, entry.NewValue));
        }

        Assert.True((await Get<PublicationService>().ProposeAsync(await ActorAsync("secretary", Roles.Secretary), After, null)).Succeeded);
        var locked = await service.SetAsync(admin, After, later, earlier, new Dictionary<string, IReadOnlyList<string>> { ["1"] = ["A"] }, null);
        Assert.Equal(OutcomeKind.Conflict, locked.Kind);
    }

    private async Task<(int Later, int Earlier)> FrameworkIdsAsync()
    {
        await using var db = _database.CreateContext();
        var ids = await db.Frameworks.OrderBy(f => f.Version).Select(f => f.Id).ToListAsync();
        return (ids[1], ids[0]); // v2024, v2025
    }

    private async Task<Actor> ActorAsync(string userName, string role)
    {
        var accounts = Get<AccountService>();
        await using var db = _database.CreateContext();
        var user = await db.Users.SingleOrDefaultAsync(u => u.UserName == userName);
        if (user is null)
        {
            var created = await accounts.CreateAsync(null, new NewAccount(userName, userName, null, role, null, "ParIndex2026"));
            Assert.True(created.Succeeded, created.Message);
            user = await db.Users.SingleAsync(u => u.UserName == userName);
        }

        return new Actor(user.Id, userName, role, null);
    }

    private async Task SeedAsync()
    {
        await using var db = _database.CreateContext();
        var bloc = new Bloc { Code = "XA", Name = "Khối xã", SortOrder = 1 };
        db.Blocs.Add(bloc);
        var units = Points2024.Keys.Concat(["M"]).ToDictionary(code => code, code => new Unit { Code = code, Name = $"Xã {code}", Bloc = bloc });
        db.Units.AddRange(units.Values);
        await db.SaveChangesAsync();
        db.UnitLineages.AddRange(new[] { "P1", "P2", "P3" }.Select(p => new UnitLineage { SuccessorId = units["M"].Id, PredecessorId = units[p].Id, EffectiveYear = After }));

        var old = Framework.Create("v2024",
        [
            new NodeDefinition("A", null, "Chỉ đạo, điều hành", null, null, null), new NodeDefinition("A.1", "A", "Kế hoạch", 40m, Component.Appraisal, new ManualRule(0.25m)),
            new NodeDefinition("B", null, "Thể chế", null, null, null), new NodeDefinition("B.1", "B", "Văn bản", 30m, Component.Appraisal, new ManualRule(0.25m)),
            new NodeDefinition("C", null, "Thủ tục hành chính", null, null, null), new NodeDefinition("C.1", "C", "Một cửa", 30m, Component.Appraisal, new ManualRule(0.25m)),
        ]);
        var renewed = Framework.Create("v2025",
        [
            new NodeDefinition("1", null, "Chỉ đạo, điều hành", null, null, null), new NodeDefinition("1.1", "1", "Kế hoạch", 40m, Component.Appraisal, new ManualRule(0.25m)),
            new NodeDefinition("2", null, "Cải cách hành chính tổng hợp", null, null, null), new NodeDefinition("2.1", "2", "Thể chế và thủ tục", 60m, Component.Appraisal, new ManualRule(0.25m)),
        ]);
        var before = await YearAsync(db, Before, old, Points2024, units, bloc);
        var after = await YearAsync(db, After, renewed, Points2025, units, bloc);
        db.FrameworkAreaLinks.AddRange(
            new ParIndex.Core.Publishing.FrameworkAreaLink { FrameworkId = after, AreaCode = "1", EarlierFrameworkId = before, EarlierAreaCode = "A" },
            new ParIndex.Core.Publishing.FrameworkAreaLink { FrameworkId = after, AreaCode = "2", EarlierFrameworkId = before, EarlierAreaCode = "B" },
            new ParIndex.Core.Publishing.FrameworkAreaLink { FrameworkId = after, AreaCode = "2", EarlierFrameworkId = before, EarlierAreaCode = "C" });
        await db.SaveChangesAsync();
        foreach (var year in new[] { Before, After })
        {
            await Get<ResultsService>().RecomputeAsync(year);
        }
    }

    private static async Task<int> YearAsync(ParIndexDbContext db, int year, Framework framework, Dictionary<string, decimal[]> points,
        Dictionary<string, Unit> units, Bloc bloc)
    {
        var assessment = new AssessmentYear { Year = year, Title = $"Chỉ số {year}", CreatedAt = DateTimeOffset.UnixEpoch };
        db.Years.Add(assessment);
        await db.SaveChangesAsync();
        var version = StoredFramework.ToRows(assessment.Id, framework.Version, framework);
        db.Frameworks.Add(version);
        await db.SaveChangesAsync();
        var leafIds = version.Nodes.Where(n => n.RuleKind is not null).OrderBy(n => n.SortOrder).Select(n => n.Id).ToList();
        foreach (var (code, values) in points)
        {
            db.YearUnits.Add(new YearUnit { AssessmentYearId = assessment.Id, UnitId = units[code].Id, BlocId = bloc.Id, FrameworkId = version.Id, Status = UnitStatus.Final });
            for (var i = 0; i < values.Length; i++)
            {
                db.LeafScores.Add(new LeafScore
                {
                    AssessmentYearId = assessment.Id, UnitId = units[code].Id, NodeId = leafIds[i], Kind = LeafInputKind.Points, First = values[i],
                });
            }
        }

        await db.SaveChangesAsync();
        return version.Id;
    }
}
