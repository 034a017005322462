using System.Globalization;

namespace ParIndex.Web.Infrastructure;

/// <summary>Numbers for display in the request's culture: vi-VN <c>91,68</c>, English <c>91.68</c>.</summary>
public static class Display
{
    public static string Score(decimal value) => Scoring.ScoreFormat.Round(value).ToString("N2", CultureInfo.CurrentCulture);

    public static string Score(decimal? value) => value is { } v ? Score(v) : "–";
}
