using ParIndex.Scoring.Ranking;
using ParIndex.Scoring.Rules;

namespace ParIndex.Scoring.Tests;

/// <summary>Invariants over many generated frameworks and units (seeded, so every run checks the same cases).</summary>
public sealed class GeneratedInvariantTests
{
    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (var seed = 1; seed <= 60; seed++)
        {
            seeds.Add(seed);
        }

        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void ScoredUnits_IndexInRange_PartsSumToTotals(int seed)
    {
        var random = new Random(seed);
        var framework = RandomFramework(random);

        for (var u = 0; u < 25; u++)
        {
            var result = framework.Score(RandomInputs(random, framework));
            var index = result.Index;

            Assert.InRange(index.Index, 0m, 100m);
            Assert.InRange(index.Total, 0m, index.ApplicableMaximum);
            Assert.Equal(index.AppraisalMaximum + index.SurveyMaximum, index.ApplicableMaximum);
            Assert.Equal(Math.Clamp(index.Appraisal + index.Survey + index.BonusPenalty, 0m, index.ApplicableMaximum), index.Total);

            // Leaves add up to the components; areas add up to appraisal + survey and to the applicable maximum.
            var counted = framework.Leaves.Where(l => l.Rule!.CountsTowardMaximum).ToList();
            Close.Equal(index.Appraisal + index.Survey, counted.Sum(l => result[l].Achieved));
            Close.Equal(index.Appraisal + index.Survey, framework.Areas.Sum(a => result[a].Achieved));
            Assert.Equal(index.ApplicableMaximum, framework.Areas.Sum(a => result[a].ApplicableMaximum));
            Close.Equal(index.BonusPenalty, framework.Areas.Sum(a => result[a].BonusPenalty));

            foreach (var node in framework.Nodes)
            {
                var own = result[node];
                Assert.InRange(own.Achieved, 0m, own.ApplicableMaximum);
                if (own.SubIndex is { } sub)
                {
                    Assert.InRange(sub, 0m, 100m);
                }

                if (!node.IsLeaf)
                {
                    Close.Equal(own.Achieved, node.Children.Sum(c => result[c].Achieved));
                    Assert.Equal(own.ApplicableMaximum, node.Children.Sum(c => result[c].ApplicableMaximum));
                }
                else if (result.IsNotApplicable(node))
                {
                    Assert.Equal(0m, own.ApplicableMaximum);
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AreasCopied_AreExactlyTheAreasOfTheRollUp_BeforeAndAfterTheNodesAreAskedFor(int seed)
    {
        var random = new Random(seed);
        var framework = RandomFramework(random);
        for (var u = 0; u < 25; u++)
        {
            var inputs = RandomInputs(random, framework);
            var copied = new NodeResult[framework.Areas.Count + 1];
            var fresh = framework.Score(inputs);
            fresh.CopyAreasTo(copied); // before any node's totals are kept
            var asked = framework.Score(inputs);
            var expected = framework.Areas.Select(a => asked[a]).ToArray(); // the rolled-up totals, kept
            Assert.Equal(expected, copied[..^1]); // exact: the same sums in the same order, to the last digit
            Assert.Equal(default, copied[^1]);
            var again = new NodeResult[framework.Areas.Count];
            asked.CopyAreasTo(again); // from the kept totals
            Assert.Equal(expected, again);
        }

        Assert.Throws<ArgumentException>(() => framework.Score(RandomInputs(random, framework)).CopyAreasTo(new NodeResult[framework.Areas.Count - 1]));
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Rankings_RanksConsistentWithOrder_AndIndependentOfInputOrder(int seed)
    {
        var random = new Random(seed);
        var entries = Enumerable.Range(0, random.Next(1, 60))
            .Select(i =>
            {
                var max = 95m + (random.Next(0, 11) * 0.5m);
                // Coarse totals so that equal published indices (ties) happen often.
                var total = Math.Min(max, random.Next(150, 200) * 0.5m);
                var survey = Math.Min(total, 30m);
                return new RankingEntry($"U{i:000}", IndexResult.Create(total - survey, survey, max));
            })
            .ToList();

        var ranking = BlocRanking.Create(entries);
        var shuffled = BlocRanking.Create(entries.OrderBy(_ => random.Next()));

        Assert.Equal(ranking.Units.Select(u => (u.Unit, u.Rank)), shuffled.Units.Select(u => (u.Unit, u.Rank)));
        Assert.Equal(1, ranking.Units[0].Rank);
        for (var i = 0; i < ranking.Units.Count; i++)
        {
            var unit = ranking.Units[i];
            // Competition ranking: 1 + the number of units published strictly higher.
            Assert.Equal(1 + ranking.Units.Count(o => o.PublishedIndex > unit.PublishedIndex), unit.Rank);
            if (i > 0)
            {
                Assert.True(ranking.Units[i - 1].PublishedIndex >= unit.PublishedIndex);
            }
        }

        Close.Equal(entries.Average(e => e.Result.Index), ranking.Averages.Index);
    }

    [Fact]
    public void Rankings_AgainstEarlierYear_ChangesMatchStandings()
    {
        var random = new Random(7);
        var units = Enumerable.Range(0, 30).Select(i => $"U{i:00}").ToList();
        BlocRanking Year() => BlocRanking.Create(units.Select(u => new RankingEntry(u, IndexResult.Create(random.Next(60, 70), random.Next(20, 30), 100m))));
        var earlier = Year();
        var later = BlocRanking.Create(Year().Units.Select(u => new RankingEntry(u.Unit, u.Result)), earlier.Standings());

        foreach (var unit in later.Units)
        {
            var before = earlier.Units.Single(u => u.Unit == unit.Unit);
            Assert.Equal(before.Rank - unit.Rank, unit.RankChange);
            Assert.Equal(unit.PublishedIndex - before.PublishedIndex, unit.IndexChange);
        }
    }

    [Fact]
    public void Classes_AreDecidedOnThePublishedIndex()
    {
        var scheme = new ClassScheme([new IndexClass("A", 90m), new IndexClass("B", 80m), new IndexClass("C", 0m)]);

        Assert.Equal("A", scheme.Classify(89.995m)!.Label);   // published as 90,00
        Assert.Equal("B", scheme.Classify(89.994m)!.Label);
        Assert.Equal("B", scheme.Classify(80m)!.Label);
        Assert.Equal("C", scheme.Classify(79.99m)!.Label);
        Assert.Null(ClassScheme.National.Classify(79.99m));
    }

    [Fact]
    public void Ranking_DuplicateUnit_IsRefused() =>
        Assert.Throws<ArgumentException>(() => BlocRanking.Create([
            new RankingEntry("A", IndexResult.Create(1m, 1m, 100m)),
            new RankingEntry("A", IndexResult.Create(2m, 1m, 100m)),
        ]));

    internal static Framework RandomFramework(Random random)
    {
        var rows = new List<NodeDefinition>();
        var areas = random.Next(1, 9);
        for (var a = 1; a <= areas; a++)
        {
            var area = $"{a}";
            rows.Add(new NodeDefinition(area, null, $"Area {area}"));
            for (var c = 1; c <= random.Next(1, 5); c++)
            {
                var criterion = $"{area}.{c}";
                rows.Add(new NodeDefinition(criterion, area, $"Criterion {criterion}"));
                for (var s = 1; s <= random.Next(1, 4); s++)
                {
                    var code = $"{criterion}.{s}";
                    if (random.Next(5) == 0)
                    {
                        rows.Add(new NodeDefinition(code, criterion, $"Sub {code}"));
                        rows.Add(RandomLeaf(random, $"{code}.a", code));
                        rows.Add(RandomLeaf(random, $"{code}.b", code));
                    }
                    else
                    {
                        rows.Add(RandomLeaf(random, code, criterion));
                    }
                }
            }
        }

        return Framework.Create($"generated-{random.Next()}", rows);
    }

    private static NodeDefinition RandomLeaf(Random random, string code, string parent)
    {
        var max = random.Next(1, 13) * 0.25m;
        var component = random.Next(3) == 0 ? Component.Survey : Component.Appraisal;
        ScoringRule rule = random.Next(7) switch
        {
            0 => new ManualRule(0.25m),
            1 => YesNoRule.Instance,
            2 => new TieredRule([new Tier("full", max), new Tier("half", max / 2m), new Tier("none", 0m)]),
            3 => new RateRule(random.Next(5, 11) / 10m, random.Next(0, 5) / 10m),
            4 => new DeductionRule(0.25m),
            5 => new BonusPenaltyRule(random.Next(0, 4)),
            _ => new ManualRule(0.01m),
        };
        return new NodeDefinition(code, parent, $"Leaf {code}", max, component, rule);
    }

    internal static LeafInput[] RandomInputs(Random random, Framework framework)
    {
        var inputs = framework.NewInputs();
        var anyApplicable = false;
        for (var i = 0; i < inputs.Length; i++)
        {
            var leaf = framework.Leaves[i];
            if (leaf.Rule!.CountsTowardMaximum && random.Next(8) == 0)
            {
                inputs[i] = LeafInput.NotApplicable;
                continue;
            }

            anyApplicable |= leaf.Rule.CountsTowardMaximum;
            inputs[i] = leaf.Rule switch
            {
                ManualRule m => LeafInput.Points(Math.Floor(leaf.MaxPoints * random.Next(0, 101) / 100m / m.Step) * m.Step),
                YesNoRule => LeafInput.YesNo(random.Next(2) == 0),
                TieredRule t => LeafInput.Tier(random.Next(t.Tiers.Count)),
                RateRule => RandomRate(random),
                DeductionRule => LeafInput.Count(random.Next(0, 20)),
                BonusPenaltyRule => LeafInput.BonusPenalty(random.Next(0, 5), random.Next(0, 5)),
                _ => LeafInput.Missing,
            };
        }

        if (!anyApplicable)
        {
            var first = framework.Leaves.First(l => l.Rule!.CountsTowardMaximum);
            inputs[first.LeafIndex] = LeafInput.Missing;
        }

        return inputs;
    }

    private static LeafInput RandomRate(Random random)
    {
        var denominator = random.Next(1, 200);
        return LeafInput.Rate(random.Next(0, denominator + 1), denominator);
    }
}
