using ParIndex.Scoring.Rules;

namespace ParIndex.Scoring.Tests;

public sealed class ScoringRuleTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1.25, 1.25)]
    [InlineData(2, 2)]
    public void Manual_PointsOnStepWithinMax_AreKept(decimal points, decimal expected) =>
        Assert.Equal(expected, new ManualRule(0.25m).Evaluate(2m, LeafInput.Points(points)));

    [Theory]
    [InlineData(2.25, InputProblem.AboveMaximum)]
    [InlineData(1.3, InputProblem.NotOnStep)]
    [InlineData(-0.25, InputProblem.Negative)]
    public void Manual_BadPoints_AreRefused(decimal points, InputProblem expected)
    {
        var rule = new ManualRule(0.25m);

        Assert.Equal(expected, rule.Check(2m, LeafInput.Points(points)));
        Assert.Throws<ArgumentException>(() => rule.Evaluate(2m, LeafInput.Points(points)));
    }

    [Fact]
    public void YesNo_YesIsMaxNoIsZero()
    {
        Assert.Equal(1.5m, YesNoRule.Instance.Evaluate(1.5m, LeafInput.YesNo(true)));
        Assert.Equal(0m, YesNoRule.Instance.Evaluate(1.5m, LeafInput.YesNo(false)));
    }

    [Fact]
    public void AnyRule_WrongInputKind_IsRefused()
    {
        Assert.Equal(InputProblem.WrongKind, YesNoRule.Instance.Check(1m, LeafInput.Points(1m)));
        Assert.Equal(InputProblem.WrongKind, new RateRule(1m, 0m).Check(1m, LeafInput.Count(1m)));
    }

    [Fact]
    public void Tiered_EachTierEarnsItsPoints_UnknownTierRefused()
    {
        var rule = new TieredRule([new Tier("Đúng hạn", 1m), new Tier("Chậm", 0.5m), new Tier("Không thực hiện", 0m)]);

        Assert.Equal([1m, 0.5m, 0m], Enumerable.Range(0, 3).Select(i => rule.Evaluate(1m, LeafInput.Tier(i))));
        Assert.Equal(InputProblem.UnknownTier, rule.Check(1m, LeafInput.Tier(3)));
    }

    [Theory]
    [InlineData(100, 100, 2)]     // 100% ≥ 90% → max
    [InlineData(95, 100, 2)]      // 95% ≥ 90% → max
    [InlineData(72, 100, 1.6)]    // 72% between floor 50% and 90%: 2 × 0.72 / 0.9
    [InlineData(50, 100, 1.11111111111111)] // at the floor: proportional, 2 × 0.5 / 0.9
    [InlineData(49, 100, 0)]      // below the floor
    [InlineData(0, 100, 0)]
    public void Rate_AgainstThresholds(decimal numerator, decimal denominator, decimal expected) =>
        Assert.Equal(expected, Math.Round(new RateRule(0.9m, 0.5m).Evaluate(2m, LeafInput.Rate(numerator, denominator)), 14));

    [Fact]
    public void Rate_BadInputs_AreRefused()
    {
        var rule = new RateRule(1m, 0m);

        Assert.Equal(InputProblem.ZeroDenominator, rule.Check(1m, LeafInput.Rate(0m, 0m)));
        Assert.Equal(InputProblem.NumeratorAboveDenominator, rule.Check(1m, LeafInput.Rate(5m, 4m)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateRule(1.2m, 0m));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RateRule(0.8m, 0.9m));
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(3, 0.5)]
    [InlineData(4, 0)]
    [InlineData(1000000, 0)]
    public void Deduction_PerCountFromMax_NeverBelowZero(decimal count, decimal expected) =>
        Assert.Equal(expected, new DeductionRule(0.5m).Evaluate(2m, LeafInput.Count(count)));

    [Fact]
    public void Deduction_FractionalOrAbsurdCount_IsRefused()
    {
        Assert.Equal(InputProblem.NotWhole, new DeductionRule(0.5m).Check(2m, LeafInput.Count(1.5m)));
        Assert.Equal(InputProblem.CountTooLarge, new DeductionRule(0.5m).Check(2m, LeafInput.Count(DeductionRule.MaxCount + 1m)));
    }

    [Theory]
    [InlineData(1, 0, 1)]
    [InlineData(5, 0, 3)]         // bonus capped at the leaf's maximum 3
    [InlineData(0, 1.5, -1.5)]
    [InlineData(2, 10, -2)]       // penalty capped at 4: 2 − 4
    public void BonusPenalty_CappedBothWays(decimal bonus, decimal penalty, decimal expected) =>
        Assert.Equal(expected, new BonusPenaltyRule(penaltyCap: 4m).Evaluate(3m, LeafInput.BonusPenalty(bonus, penalty)));

    [Fact]
    public void BonusPenalty_CannotBeNotApplicable() =>
        Assert.Equal(InputProblem.CannotBeNotApplicable, new BonusPenaltyRule(1m).Check(1m, LeafInput.NotApplicable));

    [Fact]
    public void MissingAndNotApplicable_EarnNothing()
    {
        Assert.Equal(0m, YesNoRule.Instance.Evaluate(1m, LeafInput.Missing));
        Assert.Equal(0m, new ManualRule(0.5m).Evaluate(1m, LeafInput.NotApplicable));
    }

    [Fact]
    public void FromParts_OfEveryKindOfInput_GivesTheSameInputBack()
    {
        LeafInput[] inputs = [LeafInput.Missing, LeafInput.NotApplicable, LeafInput.Points(1.25m), LeafInput.YesNo(true), LeafInput.YesNo(false),
            LeafInput.Tier(2), LeafInput.Rate(45m, 50m), LeafInput.Count(3m), LeafInput.BonusPenalty(1m, 0.5m)];

        Assert.All(inputs, i => Assert.Equal(i, LeafInput.FromParts(i.Kind, i.First, i.Second)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LeafInput.FromParts((LeafInputKind)99, 0m, 0m));
    }
}
