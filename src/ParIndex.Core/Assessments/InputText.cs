using System.Globalization;
using ParIndex.Scoring;

namespace ParIndex.Core.Assessments;

/// <summary>A leaf input as short, language-neutral text for the audit trail ("3.5", "45/50", "n/a", "yes").</summary>
public static class InputText
{
    public static string? Format(LeafInput input) => input.Kind switch
    {
        LeafInputKind.Missing => null,
        LeafInputKind.NotApplicable => "n/a",
        LeafInputKind.Points => Number(input.First),
        LeafInputKind.YesNo => input.First == 1m ? "yes" : "no",
        LeafInputKind.Tier => $"tier {Number(input.First + 1)}",
        LeafInputKind.Rate => $"{Number(input.First)}/{Number(input.Second)}",
        LeafInputKind.Count => $"count {Number(input.First)}",
        LeafInputKind.BonusPenalty => $"+{Number(input.First)} -{Number(input.Second)}",
        _ => input.ToString(),
    };

    private static string Number(decimal value) => (value / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
}
