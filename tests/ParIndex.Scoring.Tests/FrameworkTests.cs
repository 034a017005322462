using ParIndex.Scoring.Rules;

namespace ParIndex.Scoring.Tests;

public sealed class FrameworkTests
{
    private static readonly ManualRule Quarter = new(0.25m);

    [Fact]
    public void Create_FourLevelTree_ComputesMaximaAndLevels()
    {
        var framework = Framework.Create("v1", [
            new NodeDefinition("1", null, "Chỉ đạo, điều hành"),
            new NodeDefinition("1.1", "1", "Kế hoạch CCHC"),
            new NodeDefinition("1.1.1", "1.1", "Ban hành kế hoạch", 1m, Component.Appraisal, YesNoRule.Instance),
            new NodeDefinition("1.1.2", "1.1", "Thực hiện kế hoạch"),
            new NodeDefinition("1.1.2.a", "1.1.2", "Tỷ lệ nhiệm vụ hoàn thành", 2m, Component.Appraisal, new RateRule(1m, 0.5m)),
            new NodeDefinition("2", null, "Điều tra xã hội học", 3m),
            new NodeDefinition("2.1", "2", "Hài lòng", 3m, Component.Survey, Quarter),
            new NodeDefinition("9", null, "Điểm thưởng, điểm trừ"),
            new NodeDefinition("9.1", "9", "Sáng kiến", 2m, Component.Appraisal, new BonusPenaltyRule(3m)),
        ]);

        Assert.Equal(6m, framework.MaximumPoints);
        Assert.Equal(3m, framework.AppraisalMaximum);
        Assert.Equal(3m, framework.SurveyMaximum);
        Assert.Equal(["1.1.1", "1.1.2.a", "2.1", "9.1"], framework.Leaves.Select(l => l.Code));
        Assert.Equal(NodeLevel.Item, framework["1.1.2.a"].Level);
        Assert.Equal(3m, framework["1"].MaxPoints);
        Assert.Equal(["1", "2", "9"], framework.Areas.Select(a => a.Code));
    }

    [Fact]
    public void Create_BadDefinitions_ListsEveryProblem()
    {
        var error = Assert.Throws<FrameworkDefinitionException>(() => Framework.Create("bad", [
            new NodeDefinition("1", null, "Area", 5m),
            new NodeDefinition("1.1", "1", "Leaf", 2m, Component.Appraisal, Quarter),
            new NodeDefinition("1.1", "1", "Again", 2m, Component.Appraisal, Quarter),
            new NodeDefinition("1.2", "1", "No rule", 1m, Component.Appraisal),
            new NodeDefinition("1.3", "7", "Orphan", 1m, Component.Appraisal, Quarter),
            new NodeDefinition("1.4", "1", "No max", null, Component.Appraisal, Quarter),
            new NodeDefinition("1.5", "1", "Tier above max", 1m, Component.Appraisal,
                new TieredRule([new Tier("a", 2m), new Tier("b", 0m)])),
        ]));

        Assert.Contains(error.Problems, p => p.StartsWith("1.1: the code is used twice", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("1.2: a leaf needs a scoring rule", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("1.3: the parent '7' does not exist", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("1.4: a leaf needs a maximum", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("1.5: tier 'a' is worth 2", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.StartsWith("1: the maximum 5 does not equal", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_CycleAndTooDeep_AreRefused()
    {
        var cycle = Assert.Throws<FrameworkDefinitionException>(() => Framework.Create("c", [
            new NodeDefinition("1", null, "Area"),
            new NodeDefinition("1.1", "1", "Leaf", 1m, Component.Appraisal, Quarter),
            new NodeDefinition("a", "b", "A", 1m, Component.Appraisal, Quarter),
            new NodeDefinition("b", "a", "B"),
        ]));
        Assert.Contains(cycle.Problems, p => p.StartsWith("a: the node is part of a cycle", StringComparison.Ordinal));

        var deep = Assert.Throws<FrameworkDefinitionException>(() => Framework.Create("d", [
            new NodeDefinition("1", null, "1"),
            new NodeDefinition("2", "1", "2"),
            new NodeDefinition("3", "2", "3"),
            new NodeDefinition("4", "3", "4"),
            new NodeDefinition("5", "4", "5", 1m, Component.Appraisal, Quarter),
        ]));
        Assert.Contains(deep.Problems, p => p.StartsWith("5: the tree is deeper than 4 levels", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_EveryRuleKind_SumsIntoNodesComponentsAndIndex()
    {
        var framework = Framework.Create("all", [
            new NodeDefinition("1", null, "Appraisal"),
            new NodeDefinition("1.1", "1", "Manual", 2m, Component.Appraisal, Quarter),
            new NodeDefinition("1.2", "1", "Yes/no", 1m, Component.Appraisal, YesNoRule.Instance),
            new NodeDefinition("1.3", "1", "Tiered", 1m, Component.Appraisal, new TieredRule([new Tier("full", 1m), new Tier("half", 0.5m)])),
            new NodeDefinition("1.4", "1", "Rate", 2m, Component.Appraisal, new RateRule(1m, 0.5m)),
            new NodeDefinition("1.5", "1", "Deduction", 2m, Component.Appraisal, new DeductionRule(0.5m)),
            new NodeDefinition("1.6", "1", "Not applicable here", 2m, Component.Appraisal, Quarter),
            new NodeDefinition("2", null, "Survey"),
            new NodeDefinition("2.1", "2", "Satisfaction", 10m, Component.Survey, new ManualRule(0.01m)),
            new NodeDefinition("9", null, "Bonus"),
            new NodeDefinition("9.1", "9", "Bonus/penalty", 1m, Component.Appraisal, new BonusPenaltyRule(2m)),
        ]);
        LeafInput[] inputs =
        [
            LeafInput.Points(1.75m), LeafInput.YesNo(true), LeafInput.Tier(1), LeafInput.Rate(3m, 4m),
            LeafInput.Count(1m), LeafInput.NotApplicable, LeafInput.Points(8.37m), LeafInput.BonusPenalty(0.5m, 0m),
        ];

        var result = framework.Score(inputs);

        // 1.75 + 1 + 0.5 + 2 × 0.75 + 1.5 = 6.25 of 8 applicable appraisal points.
        Assert.Equal(6.25m, result.Index.Appraisal);
        Assert.Equal(8m, result.Index.AppraisalMaximum);
        Assert.Equal(8.37m, result.Index.Survey);
        Assert.Equal(0.5m, result.Index.BonusPenalty);
        Assert.Equal(18m, result.Index.ApplicableMaximum);
        Assert.Equal(15.12m, result.Index.Total);
        Assert.Equal(15.12m * 100m / 18m, result.Index.Index);
        Assert.Equal(6.25m * 100m / 8m, result["1"].SubIndex);
        Assert.Null(result["9"].SubIndex);
        Assert.Equal(0.5m, result.PointsOf(framework["9.1"]));
        Assert.Null(result["1.6"].SubIndex);
    }

    [Fact]
    public void Score_BadInputs_ThrowWithEveryLeaf_AndCheckListsThem()
    {
        var framework = Framework.Create("x", [
            new NodeDefinition("1", null, "A"),
            new NodeDefinition("1.1", "1", "Manual", 2m, Component.Appraisal, Quarter),
            new NodeDefinition("1.2", "1", "Rate", 2m, Component.Appraisal, new RateRule(1m, 0m)),
        ]);
        LeafInput[] inputs = [LeafInput.Points(3m), LeafInput.Rate(5m, 2m)];

        var errors = framework.Check(inputs);
        var thrown = Assert.Throws<InvalidLeafInputException>(() => framework.Score(inputs));
        Assert.Null(framework.TryScore(inputs, out var tried));
        Assert.Equal(errors, tried);
        Assert.NotNull(framework.TryScore([LeafInput.Points(2m), LeafInput.Rate(1m, 2m)], out var none));
        Assert.Empty(none);

        Assert.Equal([InputProblem.AboveMaximum, InputProblem.NumeratorAboveDenominator], errors.Select(e => e.Problem));
        Assert.Equal(2, thrown.Errors.Count);
        Assert.Throws<ArgumentException>(() => framework.Score([LeafInput.Missing]));
    }

    [Fact]
    public void Score_EveryLeafNotApplicable_IsRefused()
    {
        var framework = Framework.Create("x", [
            new NodeDefinition("1", null, "A"),
            new NodeDefinition("1.1", "1", "Manual", 2m, Component.Appraisal, Quarter),
        ]);

        Assert.Throws<InvalidLeafInputException>(() => framework.Score([LeafInput.NotApplicable]));
    }

    [Fact]
    public void Score_BonusBeyondMaximum_IndexCappedAt100()
    {
        var framework = Framework.Create("x", [
            new NodeDefinition("1", null, "A"),
            new NodeDefinition("1.1", "1", "Yes", 2m, Component.Appraisal, YesNoRule.Instance),
            new NodeDefinition("1.2", "1", "Bonus", 3m, Component.Appraisal, new BonusPenaltyRule(0m)),
        ]);

        var result = framework.Score([LeafInput.YesNo(true), LeafInput.BonusPenalty(3m, 0m)]);

        Assert.Equal(2m, result.Index.Total);
        Assert.Equal(100m, result.Index.Index);
    }

    [Theory]
    [InlineData(91.675, "91,68", "91.68")]
    [InlineData(91.6749, "91,67", "91.67")]
    [InlineData(0, "0,00", "0.00")]
    [InlineData(100, "100,00", "100.00")]
    public void ScoreFormat_RoundsHalfAwayFromZero(decimal value, string vietnamese, string invariant)
    {
        Assert.Equal(vietnamese, ScoreFormat.ToVietnamese(value));
        Assert.Equal(invariant, ScoreFormat.ToInvariant(value));
    }
}
