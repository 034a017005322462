using ParIndex.Core.Assessments;
using ParIndex.Scoring;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Years;

/// <summary>A leaf input in the reader's words (the sheet and the papers say it the same way): "Có", "Chậm hạn", "183 / 183", "2 lần".</summary>
public static class SheetText
{
    /// <param name="input">The input (null: none).</param>
    /// <param name="rule">The leaf's rule (tier labels).</param>
    /// <param name="text">The page's localised texts by key (Yes, No, NotApplicableShort, CountText).</param>
    public static string Input(SheetInput? input, SheetRule rule, Func<string, string> text)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(text);
        if (input is null)
        {
            return "–";
        }

        return input.Kind switch
        {
            LeafInputKind.Missing => "–",
            LeafInputKind.NotApplicable => text("NotApplicableShort"),
            LeafInputKind.YesNo => input.First == 1m ? text("Yes") : text("No"),
            LeafInputKind.Tier => rule.Tiers.ElementAtOrDefault((int)input.First)?.Label ?? "?",
            LeafInputKind.Rate => $"{Display.Amount(input.First)} / {Display.Amount(input.Second)}",
            LeafInputKind.Count => string.Format(System.Globalization.CultureInfo.CurrentCulture, text("CountText"), Display.Amount(input.First)),
            LeafInputKind.BonusPenalty => $"+{Display.Score(input.First)} / −{Display.Score(input.Second)}",
            _ => Display.Score(input.First),
        };
    }
}
