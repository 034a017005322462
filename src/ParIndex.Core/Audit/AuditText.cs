using System.Globalization;
using ParIndex.Scoring;
using ParIndex.Scoring.Rules;

namespace ParIndex.Core.Audit;

/// <summary>
/// An audit value for people to read. The trail stores values in a language-neutral form ("0.5",
/// "yes", "tier 2", "adjusted to 45/50", "SelfAssessment: 2027-01-31 17:00 UTC") so that it never
/// changes with the reader; this turns them into the reader's words and numbers (vi-VN "0,50", "Có",
/// the tier's label, "Điều chỉnh thành …", Vietnam time), using the leaf's rule where there is one.
/// </summary>
public static class AuditText
{
    /// <summary>The value in the current culture; "(trống)" for none.</summary>
    public static string Describe(string subject, string? value, FrameworkNode? leaf)
    {
        ArgumentNullException.ThrowIfNull(subject);
        if (value is null)
        {
            return Messages.Get("Value_Empty");
        }

        return subject switch
        {
            AuditSubjects.SelfScore or AuditSubjects.FinalScore => Input(value, leaf),
            AuditSubjects.FirstRound or AuditSubjects.SecondRound => Decision(value, leaf),
            AuditSubjects.Flag => value switch
            {
                "yes" => Messages.Get("Value_FlagYes"),
                "no" => Messages.Get("Value_FlagNo"),
                _ => value,
            },
            AuditSubjects.Status when Enum.TryParse<Assessments.UnitStatus>(value, out var status) => Messages.Get($"Status_{status}"),
            AuditSubjects.Deadline => Deadline(value),
            AuditSubjects.Calendar => string.Join(" | ", value.Split(" | ").Select(Time)),
            _ => value,
        };
    }

    private static string Decision(string value, FrameworkNode? leaf)
    {
        const string Adjusted = "adjusted to ";
        const string Explained = "explanation accepted: ";
        return value switch
        {
            "accepted" => Messages.Get("Value_Accepted"),
            "flagged" => Messages.Get("Value_Flagged"),
            _ when value.StartsWith(Adjusted, StringComparison.Ordinal) => Messages.Get("Value_AdjustedTo", Input(value[Adjusted.Length..], leaf)),
            _ when value.StartsWith(Explained, StringComparison.Ordinal) => Messages.Get("Value_ExplanationAccepted", Input(value[Explained.Length..], leaf)),
            _ => value,
        };
    }

    /// <summary>A stored input (see <see cref="Assessments.InputText"/>) in words, with the points it gives under the leaf's rule.</summary>
    private static string Input(string value, FrameworkNode? leaf)
    {
        var culture = CultureInfo.CurrentCulture;
        string Points(decimal v) => ScoreFormat.Round(v).ToString("0.00", culture);
        string Number(decimal v) => v.ToString("#,##0.####", culture);
        static bool TryNumber(string text, out decimal v) =>
            decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out v);

        if (value == "n/a")
        {
            return Messages.Get("Value_NotApplicable");
        }

        if (value is "yes" or "no")
        {
            return Messages.Get(value == "yes" ? "Value_Yes" : "Value_No");
        }

        if (value.StartsWith("tier ", StringComparison.Ordinal) && int.TryParse(value[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var tier))
        {
            return leaf?.Rule is TieredRule tiered && tier >= 1 && tier <= tiered.Tiers.Count
                ? $"{tiered.Tiers[tier - 1].Label} ({Points(tiered.Tiers[tier - 1].Points)})"
                : Messages.Get("Value_Tier", tier);
        }

        if (value.StartsWith("count ", StringComparison.Ordinal) && TryNumber(value[6..], out var count))
        {
            return Messages.Get("Value_Count", Number(count));
        }

        var parts = value.Split('/');
        if (parts.Length == 2 && TryNumber(parts[0], out var done) && TryNumber(parts[1], out var of))
        {
            return $"{Number(done)} / {Number(of)}";
        }

        var bonus = value.Split(' ');
        if (bonus.Length == 2 && bonus[0].StartsWith('+') && bonus[1].StartsWith('-') && TryNumber(bonus[0][1..], out var plus) && TryNumber(bonus[1][1..], out var minus))
        {
            return Messages.Get("Value_BonusPenalty", Points(plus), Points(minus));
        }

        return TryNumber(value, out var points) ? Points(points) : value;
    }

    private static string Deadline(string value)
    {
        var colon = value.IndexOf(": ", StringComparison.Ordinal);
        if (colon < 0 || !Enum.TryParse<Years.AssessmentPhase>(value[..colon], out var phase))
        {
            return Time(value);
        }

        return $"{Messages.Get($"Phase_{phase}")}: {Time(value[(colon + 2)..])}";
    }

    /// <summary>"2027-01-31 10:00 UTC" as Vietnam time "31/01/2027 17:00"; anything else as it is.</summary>
    private static string Time(string text) =>
        DateTimeOffset.TryParseExact(text.Replace(" UTC", "+00:00", StringComparison.Ordinal), "yyyy-MM-dd HH:mmzzz", CultureInfo.InvariantCulture,
            DateTimeStyles.None, out var at)
            ? VietnamTime.Format(at)
            : text;
}
