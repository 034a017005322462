using ParIndex.Scoring.Ranking;
using ParIndex.Scoring.Rules;

namespace ParIndex.Scoring.Tests;

/// <summary>The real published figures of ../shared/reference/cases.md, computed by the engine.</summary>
public sealed class PublishedCasesTests
{
    [Fact]
    public void C1_HanoiLabourDepartment2022_IndexIs91_68()
    {
        var result = IndexResult.Create(appraisal: 62.25m, survey: 27.14m, applicableMaximum: 97.5m);

        Assert.Equal("89,39", ScoreFormat.ToVietnamese(result.Total));
        Assert.Equal("91,68", ScoreFormat.ToVietnamese(result.Index));
    }

    [Fact]
    public void C2_HoanKiem2022_IndexIs96_08()
    {
        var result = IndexResult.Create(appraisal: 64.43m, survey: 29.73m, applicableMaximum: 98m);

        Assert.Equal("94,16", ScoreFormat.ToVietnamese(result.Total));
        Assert.Equal("96,08", ScoreFormat.ToVietnamese(result.Index));
    }

    [Fact]
    public void C1_ComputedThroughAFrameworkWithNotApplicableLeaves_SameIndex()
    {
        // A framework worth 100 where 2.5 appraisal points do not apply to the unit.
        var framework = Framework.Create("c1", [
            new NodeDefinition("1", null, "Appraisal area"),
            new NodeDefinition("1.1", "1", "Scored", 65.5m, Component.Appraisal, new ManualRule(0.01m)),
            new NodeDefinition("1.2", "1", "Not applicable to this unit", 2.5m, Component.Appraisal, YesNoRule.Instance),
            new NodeDefinition("2", null, "Survey area"),
            new NodeDefinition("2.1", "2", "Survey", 32m, Component.Survey, new ManualRule(0.01m)),
        ]);
        var inputs = framework.NewInputs();
        inputs[0] = LeafInput.Points(62.25m);
        inputs[1] = LeafInput.NotApplicable;
        inputs[2] = LeafInput.Points(27.14m);

        var result = framework.Score(inputs);

        Assert.Equal(97.5m, result.Index.ApplicableMaximum);
        Assert.Equal("91,68", ScoreFormat.ToVietnamese(result.Index.Index));
        Assert.True(result.IsNotApplicable(framework["1.2"]));
        Assert.Equal(65.5m, result["1"].ApplicableMaximum);
    }

    [Fact]
    public void C3_Hanoi2022Departments_OrderedByIndex()
    {
        var ranking = BlocRanking.Create([
            Entry("Sở Thông tin và Truyền thông", 80.9m),
            Entry("Sở Tài chính", 90.57m),
            Entry("Sở Lao động - Thương binh và Xã hội", 91.68m),
            Entry("Sở Nội vụ", 91.59m),
        ]);

        Assert.Equal(
            ["Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ", "Sở Tài chính", "Sở Thông tin và Truyền thông"],
            ranking.Units.Select(u => u.Unit));
        Assert.Equal([1, 2, 3, 4], ranking.Units.Select(u => u.Rank));
    }

    [Fact]
    public void C4_Hanoi2023Districts_EqualPublishedIndexSharesRank()
    {
        // Nam Từ Liêm and Hoàn Kiếm were both published at 95,7%; their unrounded indices differ.
        var ranking = BlocRanking.Create([
            new RankingEntry("Cầu Giấy", IndexResult.Create(70m, 23.239424m, 97.92m)),
            new RankingEntry("Hoàn Kiếm", IndexResult.Create(66m, 27.787176m, 98m)),
            new RankingEntry("Đống Đa", IndexResult.Create(67m, 29.3m, 100m)),
            new RankingEntry("Nam Từ Liêm", IndexResult.Create(65m, 28.70581696m, 97.92m)),
            new RankingEntry("Phú Xuyên", IndexResult.Create(60m, 31.61m, 100m)),
        ]);

        Assert.NotEqual(ranking.Units[1].Result.Index, ranking.Units[2].Result.Index);
        Assert.Equal(ranking.Units[1].PublishedIndex, ranking.Units[2].PublishedIndex);
        Assert.Equal(["Đống Đa", "Hoàn Kiếm", "Nam Từ Liêm", "Cầu Giấy", "Phú Xuyên"], ranking.Units.Select(u => u.Unit));
        Assert.Equal([1, 2, 2, 4, 5], ranking.Units.Select(u => u.Rank));
        Assert.Equal(["96,30", "95,70", "95,70", "95,22", "91,61"], ranking.Units.Select(u => ScoreFormat.ToVietnamese(u.Result.Index)));
    }

    [Fact]
    public void C5_Hanoi2019To2020_RankChangesAreComputedFromEarlierStandings()
    {
        // Thanh Trì went from 23rd to 6th: 17 places up. Build a 30-unit bloc where it lands 6th.
        var entries = Enumerable.Range(1, 30)
            .Select(i => Entry($"Unit {i:00}", 96m - (i * 0.2m)))
            .Where(e => e.Unit != "Unit 06")
            .Append(Entry("Thanh Trì", 96m - (6 * 0.2m)))
            .ToList();
        var previous = new Dictionary<string, PreviousStanding>(StringComparer.Ordinal)
        {
            ["Thanh Trì"] = new PreviousStanding(23, 88.5m),
        };

        var ranking = BlocRanking.Create(entries, previous);

        var thanhTri = ranking.Units.Single(u => u.Unit == "Thanh Trì");
        Assert.Equal(6, thanhTri.Rank);
        Assert.Equal(17, thanhTri.RankChange);
        Assert.Equal(94.8m - 88.5m, thanhTri.IndexChange);
        Assert.All(ranking.Units.Where(u => u.Unit != "Thanh Trì"), u => Assert.Null(u.RankChange));
    }

    [Fact]
    public void C6_HaTinh2023PlanTasks_CompletionRateIs29_32()
    {
        var rate = RateRule.RateOf(39m, 133m);

        Assert.Equal("29,32", ScoreFormat.ToVietnamese(rate * 100m));

        // As a leaf worth 1 point, full at 100%: proportional, 1 × 39/133.
        var rule = new RateRule(fullThreshold: 1m, floor: 0m);
        Assert.Equal(39m / 133m, rule.Evaluate(1m, LeafInput.Rate(39m, 133m)));

        // With a floor of 50%, 29% earns nothing.
        Assert.Equal(0m, new RateRule(1m, 0.5m).Evaluate(1m, LeafInput.Rate(39m, 133m)));
    }

    [Fact]
    public void C9_Hanoi2022DepartmentAverages_IndexIsThePointsWeightedMeanOfTheComponents()
    {
        // Every unit with the same component maxima (69,2 appraisal + 30,8 survey): the bloc's mean index
        // is the points-weighted mean of its mean appraisal % and mean survey % (survey weight 0,308).
        var units = new[] { (58.26m, 27.47m), (60.1m, 28.0m), (55.5m, 26.9m) }
            .Select((x, i) => new RankingEntry($"S{i}", IndexResult.Create(x.Item1, x.Item2, 100m, 0m, 69.2m, 30.8m)))
            .ToList();

        var averages = BlocRanking.Create(units).Averages;

        var weighted = (averages.AppraisalPercent!.Value * 0.692m) + (averages.SurveyPercent!.Value * 0.308m);
        Assert.Equal(ScoreFormat.Round(averages.Index!.Value), ScoreFormat.Round(weighted));

        // And the published C9 component averages give the published 85,73%.
        Assert.Equal("85,73", ScoreFormat.ToVietnamese((84.19m * 0.692m) + (89.19m * 0.308m)));
    }

    private static RankingEntry Entry(string unit, decimal index) => new(unit, IndexResult.Create(index, 0m, 100m));
}
