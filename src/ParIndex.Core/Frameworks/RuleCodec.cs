using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using ParIndex.Scoring.Rules;

namespace ParIndex.Core.Frameworks;

/// <summary>
/// Turns an engine rule into a stored kind and JSON parameters and back. The kinds are the words
/// used in imports and exports too: manual, yesno, tiered, rate, deduction, bonuspenalty.
/// </summary>
public static class RuleCodec
{
    public const string Manual = "manual";
    public const string YesNo = "yesno";
    public const string Tiered = "tiered";
    public const string Rate = "rate";
    public const string Deduction = "deduction";
    public const string BonusPenalty = "bonuspenalty";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), // tier labels stay readable Vietnamese
    };

    /// <summary>
    /// The parameters in one canonical JSON form (the database's jsonb reorders keys and spaces), so
    /// that equal rules compare equal.
    /// </summary>
    /// <exception cref="FormatException">The kind is unknown or the parameters do not fit it.</exception>
    public static string? Canonical(string kind, string? parameters) => Encode(Decode(kind, parameters)).Parameters;

    /// <summary>The stored kind of a rule (manual, yesno, tiered, rate, deduction, bonuspenalty).</summary>
    public static string KindOf(ScoringRule rule) => rule switch
    {
        ManualRule => Manual,
        YesNoRule => YesNo,
        TieredRule => Tiered,
        RateRule => Rate,
        DeductionRule => Deduction,
        BonusPenaltyRule => BonusPenalty,
        _ => throw new ArgumentException($"Unknown rule type {rule.GetType().Name}.", nameof(rule)),
    };

    public static (string Kind, string? Parameters) Encode(ScoringRule rule) => (KindOf(rule), rule switch
    {
        ManualRule m => Serialize(new Parameters { Step = m.Step }),
        TieredRule t => Serialize(new Parameters { Tiers = [.. t.Tiers.Select(x => new TierParameter(x.Label, x.Points))] }),
        RateRule r => Serialize(new Parameters { FullThreshold = r.FullThreshold, Floor = r.Floor }),
        DeductionRule d => Serialize(new Parameters { PointsPerCount = d.PointsPerCount }),
        BonusPenaltyRule b => Serialize(new Parameters { PenaltyCap = b.PenaltyCap }),
        _ => null, // yes/no has no parameters
    });

    /// <exception cref="FormatException">The kind is unknown or the parameters do not fit it.</exception>
    public static ScoringRule Decode(string kind, string? parameters)
    {
        Parameters p;
        try
        {
            p = string.IsNullOrWhiteSpace(parameters) ? new Parameters() : JsonSerializer.Deserialize<Parameters>(parameters, Json) ?? new Parameters();
        }
        catch (JsonException e)
        {
            throw new FormatException($"The parameters of rule '{kind}' are not valid JSON: {e.Message}", e);
        }

        try
        {
            return kind switch
            {
                Manual => new ManualRule(Required(p.Step, "step")),
                YesNo => YesNoRule.Instance,
                Tiered => new TieredRule((p.Tiers ?? throw Missing("tiers")).Select(t => new Tier(t.Label, t.Points))),
                Rate => new RateRule(Required(p.FullThreshold, "fullThreshold"), p.Floor ?? 0m),
                Deduction => new DeductionRule(Required(p.PointsPerCount, "pointsPerCount")),
                BonusPenalty => new BonusPenaltyRule(p.PenaltyCap ?? 0m),
                _ => throw new FormatException($"Unknown rule '{kind}'."),
            };
        }
        catch (ArgumentException e)
        {
            throw new FormatException($"Rule '{kind}': {e.Message}", e);
        }

        decimal Required(decimal? value, string name) => value ?? throw Missing(name);
        FormatException Missing(string name) => new($"Rule '{kind}' needs the parameter '{name}'.");
    }

    private static string Serialize(Parameters p) => JsonSerializer.Serialize(p, Json);

    private sealed class Parameters
    {
        public decimal? Step { get; set; }

        public List<TierParameter>? Tiers { get; set; }

        public decimal? FullThreshold { get; set; }

        public decimal? Floor { get; set; }

        public decimal? PointsPerCount { get; set; }

        public decimal? PenaltyCap { get; set; }
    }

    private sealed record TierParameter(string Label, decimal Points);
}
