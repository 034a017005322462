using ParIndex.Scoring.Ranking;

namespace ParIndex.Scoring.Tests;

public sealed class ProgressRuleTests
{
    private static RankingEntry Entry(string unit, decimal index) => new(unit, IndexResult.Create(index, 0m, 100m));

    [Fact]
    public void C5_Hanoi2020_RankGainsOfFiveOrMoreAreOutstanding()
    {
        // C5: Thanh Trì 23 → 6, Mỹ Đức 15 → 7, Thanh Xuân 17 → 9, Thanh Oai 28 → 17 among 30 districts.
        // Build 30 units whose 2020 order puts those four where they landed; the others did not move.
        var landed = new Dictionary<int, string> { [6] = "Thanh Trì", [7] = "Mỹ Đức", [9] = "Thanh Xuân", [17] = "Thanh Oai" };
        var entries = Enumerable.Range(1, 30)
            .Select(place => Entry(landed.GetValueOrDefault(place, $"Unit {place:00}"), 96m - (place * 0.2m)))
            .ToList();
        var previous = new Dictionary<string, PreviousStanding>(StringComparer.Ordinal)
        {
            ["Thanh Trì"] = new(23, 88m),
            ["Mỹ Đức"] = new(15, 90m),
            ["Thanh Xuân"] = new(17, 92m),
            ["Thanh Oai"] = new(28, 86m),
            ["Unit 05"] = new(4, 95m),
        };
        var ranking = BlocRanking.Create(entries, previous);
        var rule = new ProgressRule(MinimumRankGain: 5, MinimumIndexGain: null);

        var outstanding = ranking.Units.Where(rule.IsOutstanding).Select(u => (u.Unit, u.RankChange)).ToList();

        Assert.Equal([("Thanh Trì", 17), ("Mỹ Đức", 8), ("Thanh Xuân", 8), ("Thanh Oai", 11)], outstanding);
    }

    [Theory]
    [InlineData(5, null, 5, 0.0, true)]
    [InlineData(5, null, 4, 9.0, false)]
    [InlineData(null, 5.0, 4, 5.0, true)]
    [InlineData(null, 5.0, 30, 4.99, false)]
    [InlineData(5, 5.0, 1, 5.01, true)]
    [InlineData(5, 5.0, -3, 4.0, false)]
    [InlineData(null, null, 30, 30.0, false)]
    public void EitherCriterionQualifies_NullCriteriaAreIgnored(int? places, double? points, int rankChange, double indexChange, bool expected)
    {
        var rule = new ProgressRule(places, points is { } p ? (decimal)p : null);

        Assert.Equal(expected, rule.IsOutstanding(rankChange, (decimal)indexChange));
    }

    [Theory]
    [InlineData(7, -30.35)]
    [InlineData(5, -0.01)]
    public void PlacesGainedWhileTheIndexFell_AreNotOutstanding(int rankChange, double indexChange)
    {
        // 2026 draft seen: one finalised unit, −30,35 points against 2025 yet "▲7" and "Tiến bộ vượt bậc".
        var rule = new ProgressRule(MinimumRankGain: 5, MinimumIndexGain: 5m);

        Assert.False(rule.IsOutstanding(rankChange, (decimal)indexChange));
        Assert.True(rule.IsOutstanding(rankChange, 0m));
    }

    [Fact]
    public void AUnitWithoutAnEarlierStanding_NeverQualifies()
    {
        var ranking = BlocRanking.Create([Entry("A", 99m)]);

        Assert.False(new ProgressRule(1, 0.01m).IsOutstanding(ranking.Units[0]));
    }

    [Fact]
    public void IndexGainIsTheDifferenceOfPublishedIndices()
    {
        // 84,995 publishes as 85,00 and 80,004 as 80,00: a gain of exactly 5 points as published.
        var ranking = BlocRanking.Create([Entry("A", 84.995m)], new Dictionary<string, PreviousStanding> { ["A"] = new(1, 80.004m) });

        Assert.True(new ProgressRule(null, 5m).IsOutstanding(ranking.Units[0]));
    }
}
