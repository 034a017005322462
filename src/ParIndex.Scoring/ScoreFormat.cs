using System.Globalization;

namespace ParIndex.Scoring;

/// <summary>
/// Rounding for presentation and publication: two decimals, halves away from zero (91,675 → 91,68),
/// which is how published tables round. Never round before computing: totals and indices are computed
/// from unrounded parts, so rounded parts may differ from the rounded total by ±0,01.
/// </summary>
public static class ScoreFormat
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>The number of decimals published.</summary>
    public const int Decimals = 2;

    /// <summary>Rounds to the published two decimals, halves away from zero.</summary>
    public static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>The published Vietnamese form: <c>91,68</c> (comma decimal point, '.' between thousands).</summary>
    public static string ToVietnamese(decimal value) => Round(value).ToString("N2", Vietnamese);

    /// <summary>The machine form used in CSV and JSON: <c>91.68</c>, no thousands separator.</summary>
    public static string ToInvariant(decimal value) => Round(value).ToString("0.00", CultureInfo.InvariantCulture);
}
