using ParIndex.Scoring.Surveys;

namespace ParIndex.Scoring.Tests;

/// <summary>Survey aggregation against answers worked out by hand (both methods, weights, missing answers, groups).</summary>
public sealed class SurveyDesignTests
{
    private const short No = SurveyQuestion.NoAnswer;

    private static readonly SurveyDesign Design = SurveyDesign.Create(
        ["leaders", "citizens"],
        [SurveyQuestion.Scale("Q1", 1, 5, positiveFrom: 4), SurveyQuestion.YesNo("Q2"), SurveyQuestion.Choice("Q3", [0m, 2m, 5m], positiveFrom: 2m)],
        [
            new SurveyLeaf("8.1", AggregationMethod.MeanScore, [new SurveySource("Q1", "citizens", 2m), new SurveySource("Q2", "citizens")]),
            new SurveyLeaf("8.2", AggregationMethod.PositiveShare, [new SurveySource("Q1", "leaders"), new SurveySource("Q1", "citizens")],
                new Dictionary<string, decimal> { ["citizens"] = 3m }),
            new SurveyLeaf("8.3", AggregationMethod.MeanScore, [new SurveySource("Q3", "citizens")]),
        ]);

    private static readonly Dictionary<string, decimal> Maxima = new() { ["8.1"] = 2m, ["8.2"] = 3m, ["8.3"] = 1m };

    private static SurveyResponse Citizen(short q1, short q2, short q3) => new("citizens", [q1, q2, q3]);

    private static SurveyResponse Leader(short q1) => new("leaders", [q1, No, No]);

    private static readonly SurveyResponse[] Responses =
    [
        Citizen(5, 1, 2), // Q1 → 1, yes, option 5 points → 1
        Citizen(4, 0, 1), // Q1 → 0,75, no, option 2 points → 0,4
        Citizen(SurveyQuestion.DontKnow, 1, No), // "don't know" on Q1, nothing on Q3: both missing, not zero
        Leader(4),
        Leader(2),
    ];

    [Fact]
    public void MeanScore_WeightedOverAnsweredQuestions_MissingLeftOut()
    {
        var leaf = Score(Responses)["8.1"];

        // Q1 (weight 2): 2·1 + 2·0,75 = 3,5 over weight 4; Q2 (weight 1): 1 + 0 + 1 = 2 over weight 3 → 5,5 ÷ 7.
        Assert.Equal(11m / 14m, leaf.Score);
        Assert.Equal(11m / 14m * 2m, leaf.Points);
        Assert.Equal(3, leaf.Respondents["citizens"]);
        Assert.False(leaf.Respondents.ContainsKey("leaders"));
    }

    [Fact]
    public void PositiveShare_GroupsWeighted()
    {
        var leaf = Score(Responses)["8.2"];

        // Leaders: 4 positive, 2 not → 1/2; citizens: 5 and 4 positive (don't know left out) → 1; weights 1 and 3.
        Assert.Equal((1m * 0.5m + 3m * 1m) / 4m, leaf.Score);
        Assert.Equal(2.625m, leaf.Points);
        Assert.Equal(2, leaf.Respondents["leaders"]);
        Assert.Equal(2, leaf.Respondents["citizens"]);
    }

    [Fact]
    public void Choice_RescaledByOptionPoints()
    {
        // Option points 5 and 2 out of 0..5 → 1 and 0,4 → mean 0,7.
        Assert.Equal(0.7m, Score(Responses)["8.3"].Score);
    }

    [Fact]
    public void AGroupWithoutAnswers_DropsOut_AndNoAnswersAtAll_IsNoScore()
    {
        var leadersOnly = Score([Leader(4), Leader(2)]);
        var dontKnow = Score([Citizen(No, No, No)]);

        Assert.Equal(0.5m, leadersOnly["8.2"].Score); // citizens' weight 3 is not counted against them
        Assert.Null(leadersOnly["8.1"].Score);
        Assert.Null(dontKnow["8.1"].Points);
        Assert.Empty(dontKnow["8.1"].Respondents);
    }

    [Fact]
    public void Questions_ScoreAndPositive_AsDefined()
    {
        var scale = SurveyQuestion.Scale("S", 1, 5, 4);
        Assert.Equal([0m, 0.25m, 0.5m, 0.75m, 1m], Enumerable.Range(1, 5).Select(v => scale.Score((short)v)!.Value));
        Assert.Equal([false, false, false, true, true], Enumerable.Range(1, 5).Select(v => scale.IsPositive((short)v)!.Value));
        Assert.Null(scale.Score(No));
        Assert.Null(scale.Score(SurveyQuestion.DontKnow));
        Assert.Null(scale.IsPositive(SurveyQuestion.DontKnow));
        Assert.True(scale.Accepts(SurveyQuestion.DontKnow));
        Assert.False(scale.Accepts(-3));
        Assert.True(SurveyQuestion.IsGiven(SurveyQuestion.DontKnow)); // a form counts it as answered
        Assert.False(SurveyQuestion.IsGiven(No));
        Assert.False(scale.Accepts(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => scale.Score(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SurveyQuestion.Scale("X", 1, 5, 1));
        Assert.Throws<ArgumentException>(() => SurveyQuestion.Choice("C", [1m, 1m], 1m));
    }

    [Fact]
    public void Design_ListsEveryProblem()
    {
        var e = Assert.Throws<SurveyDesignException>(() => SurveyDesign.Create(
            ["citizens", "citizens"],
            [SurveyQuestion.YesNo("Q1")],
            [new SurveyLeaf("8.1", AggregationMethod.MeanScore, [new SurveySource("Q9", "citizens"), new SurveySource("Q1", "firms", 0m)])]));

        Assert.Equal(4, e.Problems.Count);
        Assert.Contains(e.Problems, p => p.Contains("unknown question Q9", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("unknown group firms", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("weight 0", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Contains("group citizens appears more than once", StringComparison.Ordinal));
    }

    [Fact]
    public void Score_BadResponse_SaysWhich()
    {
        Assert.Contains("Q1", Assert.Throws<ArgumentException>(() => Score([Citizen(7, 1, 1)])).Message, StringComparison.Ordinal);
        Assert.Contains("firms", Assert.Throws<ArgumentException>(() => Score([new SurveyResponse("firms", [1, 1, 1])])).Message, StringComparison.Ordinal);
        Assert.Contains("2 answers", Assert.Throws<ArgumentException>(() => Score([new SurveyResponse("citizens", [1, 1])])).Message, StringComparison.Ordinal);
    }

    private static Dictionary<string, SurveyLeafResult> Score(IReadOnlyList<SurveyResponse> responses) =>
        Design.Score(responses, code => Maxima[code]).ToDictionary(r => r.LeafCode);
}
