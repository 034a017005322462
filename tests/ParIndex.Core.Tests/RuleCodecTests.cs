using ParIndex.Core.Frameworks;
using ParIndex.Scoring;
using ParIndex.Scoring.Rules;

namespace ParIndex.Core.Tests;

public sealed class RuleCodecTests
{
    public static TheoryData<ScoringRule> Rules() =>
    [
        new ManualRule(0.25m),
        YesNoRule.Instance,
        new TieredRule([new Tier("Đúng hạn", 1m), new Tier("Chậm", 0.5m), new Tier("Không", 0m)]),
        new RateRule(0.9m, 0.5m),
        new DeductionRule(0.5m),
        new BonusPenaltyRule(2m),
    ];

    [Theory]
    [MemberData(nameof(Rules))]
    public void EncodeThenDecode_GivesTheSameRule(ScoringRule rule)
    {
        var (kind, parameters) = RuleCodec.Encode(rule);

        var decoded = RuleCodec.Decode(kind, parameters);

        Assert.Equal(rule.GetType(), decoded.GetType());
        Assert.Equal(rule.ToString(), decoded.ToString());
        Assert.Equal(rule.Evaluate(1m, LeafInput.Missing), decoded.Evaluate(1m, LeafInput.Missing));
    }

    [Theory]
    [InlineData("magic", null, "Unknown rule 'magic'")]
    [InlineData("manual", null, "needs the parameter 'step'")]
    [InlineData("rate", "{\"fullThreshold\": 2}", "Rule 'rate':")]
    [InlineData("tiered", "{not json", "not valid JSON")]
    public void Decode_BadKindOrParameters_SaysWhat(string kind, string? parameters, string expected)
    {
        var error = Assert.Throws<FormatException>(() => RuleCodec.Decode(kind, parameters));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
