using ParIndex.Scoring.Surveys;

namespace ParIndex.Scoring.Tests;

public sealed class SurveyBootstrapTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly SurveyDesign Design = SurveyDesign.Create(
        ["citizens"],
        [SurveyQuestion.Scale("Q1", 1, 5, positiveFrom: 4)],
        [new SurveyLeaf("8.1", AggregationMethod.MeanScore, [new SurveySource("Q1", "citizens")])]);

    private static readonly Dictionary<string, decimal> Maxima = new() { ["8.1"] = 10m };

    // P(answer = 1..5); the true mean score is Σ p·(v − 1)/4 = 0,6875.
    private static readonly double[] Distribution = [0.05, 0.10, 0.20, 0.35, 0.30];

    private static List<SurveyResponse> Sample(Random random, int n)
    {
        var responses = new List<SurveyResponse>(n);
        for (var i = 0; i < n; i++)
        {
            var u = random.NextDouble();
            short answer = 1;
            for (var cumulative = Distribution[0]; u > cumulative && answer < 5; cumulative += Distribution[answer], answer++)
            {
            }

            responses.Add(new SurveyResponse("citizens", [answer]));
        }

        return responses;
    }

    private static BootstrapUnit Unit(string code, decimal fixedPoints, IReadOnlyList<SurveyResponse> responses, string bloc = "SO") =>
        new(code, bloc, fixedPoints, 100m, Maxima, responses);

    [Fact]
    public void SameSeed_SameResult_WhateverTheThreads_AnotherSeed_Differs()
    {
        var random = new Random(7);
        var units = Enumerable.Range(0, 12).Select(i => Unit($"U{i}", 55m + i, Sample(random, 40 + i))).ToList();

        var parallel = SurveyBootstrap.Run(Design, units, new BootstrapOptions(Replicates: 300, Seed: 42));
        var sequential = SurveyBootstrap.Run(Design, units, new BootstrapOptions(Replicates: 300, Seed: 42, Parallel: false));
        var other = SurveyBootstrap.Run(Design, units, new BootstrapOptions(Replicates: 300, Seed: 43));

        Assert.Equal(parallel, sequential);
        Assert.NotEqual(parallel.Select(u => u.IndexLow), other.Select(u => u.IndexLow));
    }

    [Fact]
    public void PointEstimate_IsTheExactIndexOfAllRespondents()
    {
        var responses = Sample(new Random(3), 25);
        var survey = Design.Score(responses, c => Maxima[c]).Single().Points!.Value;

        var result = SurveyBootstrap.Run(Design, [Unit("A", 61.5m, responses)], new BootstrapOptions(Replicates: 50)).Single();

        Assert.Equal(survey, result.SurveyPoints);
        Assert.Equal(61.5m + survey, result.Index);
        Assert.InRange((double)result.Index, result.IndexLow, result.IndexHigh);
    }

    [Fact]
    public void NinetyPercentInterval_CoversTheTrueIndex_InAboutNinetyPercentOf200Simulations()
    {
        const double trueIndex = 60 + (10 * 0.6875);
        var covered = 0;
        for (var simulation = 0; simulation < 200; simulation++)
        {
            var unit = Unit("A", 60m, Sample(new Random(1000 + simulation), 150));
            var interval = SurveyBootstrap.Run(Design, [unit], new BootstrapOptions(Replicates: 1000, Seed: (ulong)simulation, Parallel: false)).Single();
            if (interval.IndexLow <= trueIndex && trueIndex <= interval.IndexHigh)
            {
                covered++;
            }
        }

        output.WriteLine($"covered {covered} of 200");
        Assert.InRange(covered, 168, 192); // 84-96%
    }

    [Fact]
    public void Ranks_FarApartAreRobust_NeckAndNeckAreNot()
    {
        var random = new Random(11);
        var units = new[]
        {
            Unit("LEAD", 80m, Sample(random, 200)),
            Unit("CLOSE1", 60.2m, Sample(random, 30)),
            Unit("CLOSE2", 60m, Sample(random, 30)),
            Unit("OTHER", 10m, Sample(random, 30), bloc: "XA"),
        };

        var result = SurveyBootstrap.Run(Design, units).ToDictionary(u => u.Code);

        Assert.Equal((1, 1, 1, true), (result["LEAD"].Rank, result["LEAD"].RankBest, result["LEAD"].RankWorst, result["LEAD"].RobustAgainstNext));
        var close = new[] { result["CLOSE1"], result["CLOSE2"] };
        Assert.All(close, u => Assert.Equal((2, 3), (u.RankBest, u.RankWorst)));
        Assert.False(close.OrderBy(u => u.Rank).First().RobustAgainstNext);
        Assert.Null(close.OrderBy(u => u.Rank).Last().RobustAgainstNext);
        Assert.Equal((1, 1, 1, (bool?)null), (result["OTHER"].Rank, result["OTHER"].RankBest, result["OTHER"].RankWorst, result["OTHER"].RobustAgainstNext));
    }

    [Fact]
    public void Options_OutOfRange_AreRefused() =>
        Assert.Throws<ArgumentException>(() => SurveyBootstrap.Run(Design, [], new BootstrapOptions(Replicates: 5)));
}
