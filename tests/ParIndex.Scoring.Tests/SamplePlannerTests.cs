using ParIndex.Scoring.Surveys;

namespace ParIndex.Scoring.Tests;

public sealed class SamplePlannerTests
{
    [Theory]
    [InlineData(1000, 0.05, 286)] // 1000 ÷ (1 + 1000·0,0025) = 285,7
    [InlineData(10000, 0.05, 385)] // 10000 ÷ 26 = 384,6
    [InlineData(500, 0.1, 84)] // 500 ÷ 6 = 83,3
    [InlineData(50, 0.05, 45)] // 50 ÷ 1,125 = 44,4
    public void Yamane_ByHand(int population, double margin, int expected) =>
        Assert.Equal(expected, SamplePlanner.Yamane(population, margin));

    [Fact]
    public void Normal_ByHand_WithFinitePopulationCorrection()
    {
        // n₀ = 1,95996² · 0,25 ÷ 0,0025 = 384,15; N = 1000: 384,15 ÷ (1 + 383,15 ÷ 1000) = 277,7 → 278.
        Assert.Equal(278, SamplePlanner.Normal(1000, 0.05));
        Assert.Equal(385, SamplePlanner.Normal(100_000_000, 0.05));
        Assert.Equal(10, SamplePlanner.Normal(10, 0.01)); // never more than everyone
    }

    [Fact]
    public void MarginOfError_ByHand_AndZeroForACensus()
    {
        // 1,95996 · √(0,25 ÷ 400) · √(9600 ÷ 9999) = 1,95996 · 0,025 · 0,97985 = 0,04801.
        Assert.Equal(0.04801, SamplePlanner.MarginOfError(400, 10_000), 5);
        Assert.Equal(0, SamplePlanner.MarginOfError(80, 80));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplePlanner.MarginOfError(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplePlanner.Yamane(100, 0));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(0d)]
    [InlineData(1d)]
    public void Margin_NotAShare_IsRefused(double margin)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplePlanner.Normal(1000, margin));
        Assert.Throws<ArgumentOutOfRangeException>(() => SamplePlanner.Yamane(1000, margin));
    }

    [Fact]
    public void Margin_VanishinglySmall_AsksForACensus_WithoutOverflow()
    {
        Assert.Equal(1000, SamplePlanner.Normal(1000, 1e-200));
        Assert.Equal(int.MaxValue, SamplePlanner.Normal(int.MaxValue, 1e-200));
        Assert.Equal(1000, SamplePlanner.Yamane(1000, 1e-200));
    }
}
