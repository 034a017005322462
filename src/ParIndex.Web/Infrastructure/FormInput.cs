using System.Globalization;
using ParIndex.Core;
using ParIndex.Core.Assessments;
using ParIndex.Scoring;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// Reads a leaf input typed into a form: numbers with ',' or '.' as the decimal mark (no thousands
/// separators), "not applicable" as a tick box, blank as not entered.
/// </summary>
public static partial class FormInput
{
    public static bool TryParseNumber(string? text, out decimal value)
    {
        value = 0m;
        var trimmed = (text ?? "").Trim();
        if (trimmed.Length == 0 || trimmed.Count(c => c is ',' or '.') > 1)
        {
            return false;
        }

        return decimal.TryParse(trimmed.Replace(',', '.'), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign,
            CultureInfo.InvariantCulture, out value);
    }

    /// <summary>
    /// A whole number ≥ 0 as typed: digits, optionally grouped by threes with "." or a space as vi-VN
    /// writes them (12.500); "1.5" or "1,5" is not whole and is refused, never read as 15.
    /// </summary>
    public static bool TryParseWhole(string? text, out int value)
    {
        value = 0;
        var trimmed = (text ?? "").Trim();
        return WholeNumber().IsMatch(trimmed)
            && int.TryParse(trimmed.Replace(".", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal),
                NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\d+|\d{1,3}([. ]\d{3})+)$")]
    private static partial System.Text.RegularExpressions.Regex WholeNumber();

    /// <summary>The input for a leaf whose rule takes <paramref name="kind"/>, or a message naming the field that is not a number.</summary>
    public static bool TryParse(LeafInputKind kind, bool notApplicable, string? first, string? second, out LeafInput input, out string? error)
    {
        input = LeafInput.Missing;
        error = null;
        if (notApplicable)
        {
            input = LeafInput.NotApplicable;
            return true;
        }

        var hasFirst = !string.IsNullOrWhiteSpace(first);
        var hasSecond = !string.IsNullOrWhiteSpace(second);
        if (!hasFirst && !hasSecond)
        {
            return true;
        }

        decimal a = 0m, b = 0m;
        if (hasFirst && !TryParseNumber(first, out a))
        {
            error = Messages.Get("NotANumber", first!.Trim());
            return false;
        }

        if (hasSecond && !TryParseNumber(second, out b))
        {
            error = Messages.Get("NotANumber", second!.Trim());
            return false;
        }

        switch (kind)
        {
            case LeafInputKind.Rate when !hasFirst || !hasSecond:
                error = Messages.Get("RateNeedsBoth");
                return false;
            case LeafInputKind.Tier when a != decimal.Truncate(a):
                error = Messages.Get("NotANumber", first!.Trim());
                return false;
        }

        input = kind switch
        {
            LeafInputKind.YesNo => a == 1m ? LeafInput.YesNo(true) : a == 0m ? LeafInput.YesNo(false) : LeafInput.Points(a),
            LeafInputKind.Tier => LeafInput.Tier((int)a),
            LeafInputKind.Rate => LeafInput.Rate(a, b),
            LeafInputKind.Count => LeafInput.Count(a),
            LeafInputKind.BonusPenalty => LeafInput.BonusPenalty(a, b),
            _ => LeafInput.Points(a),
        };
        return true;
    }

    /// <summary>The text to put back in the first/second boxes for a stored input.</summary>
    public static (string First, string Second) Texts(SheetInput? input)
    {
        if (input is null || input.Kind is LeafInputKind.Missing or LeafInputKind.NotApplicable)
        {
            return ("", "");
        }

        var first = Number(input.First);
        var second = input.Kind is LeafInputKind.Rate or LeafInputKind.BonusPenalty ? Number(input.Second) : "";
        return (first, second);
    }

    private static string Number(decimal value) => (value / 1.0000000000000000000000000000m).ToString(CultureInfo.CurrentCulture);
}
