using System.Globalization;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// Numbers and times for display: numbers in the request's culture (vi-VN <c>91,68</c>, English
/// <c>91.68</c>); times in Vietnam time as dd/MM/yyyy HH:mm whatever the language.
/// </summary>
public static class Display
{
    /// <summary>A stored (UTC) instant as Vietnam local time, e.g. <c>01/02/2026 03:30</c>.</summary>
    public static string VietnamTime(DateTimeOffset instant) => Core.VietnamTime.Format(instant);

    public static string Score(decimal value) => Scoring.ScoreFormat.Round(value).ToString("N2", CultureInfo.CurrentCulture);

    public static string Score(decimal? value) => value is { } v ? Score(v) : "–";
}
