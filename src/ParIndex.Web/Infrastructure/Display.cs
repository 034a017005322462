using System.Globalization;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// Numbers and times for display: numbers in the request's culture (vi-VN <c>91,68</c>, English
/// <c>91.68</c>); times in Vietnam time as dd/MM/yyyy HH:mm whatever the language.
/// </summary>
public static class Display
{
    /// <summary>A file's size: "850 B", "312 KB", "4,7 MB".</summary>
    public static string FileSize(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024m).ToString("N0", CultureInfo.CurrentCulture) + " KB",
        _ => (bytes / (1024m * 1024m)).ToString("N1", CultureInfo.CurrentCulture) + " MB",
    };

    /// <summary>A duration to wait, rounded up to the minute past a minute: "40 giây", "3 phút".</summary>
    public static string Wait(TimeSpan span) => span.TotalSeconds < 60
        ? Core.Messages.Get("DurationSeconds", Math.Max(1, (int)Math.Ceiling(span.TotalSeconds)))
        : Core.Messages.Get("DurationMinutes", (int)Math.Ceiling(span.TotalMinutes));

    /// <summary>A stored (UTC) instant as Vietnam local time, e.g. <c>01/02/2026 03:30</c>.</summary>
    public static string VietnamTime(DateTimeOffset instant) => Core.VietnamTime.Format(instant);

    public static string Score(decimal value) => Scoring.ScoreFormat.Round(value).ToString("N2", CultureInfo.CurrentCulture);

    public static string Score(decimal? value) => value is { } v ? Score(v) : "–";

    /// <summary>A whole count with the culture's group separator (vi-VN: 12.345).</summary>
    public static string Count(int value) => value.ToString("N0", CultureInfo.CurrentCulture);

    /// <summary>A count or amount as people write it: whole numbers without decimals (298, 1.250), others with what they have (12,5).</summary>
    public static string Amount(decimal? value) => value?.ToString("#,##0.####", CultureInfo.CurrentCulture) ?? "–";

    /// <summary>A share as a percentage with one decimal (vi-VN: 4,8%).</summary>
    public static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.CurrentCulture) + "%";

    /// <summary>A calendar date the Vietnamese way: 05/05/2021.</summary>
    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>A number for a <c>data-v</c> sort key (invariant, unrounded).</summary>
    public static string Key(decimal? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";

    /// <summary>"Quyết định 2001/QĐ-UBND ngày 05/05/2021", or null before a decision.</summary>
    public static string? Decision(Core.Publishing.PublicationInfo? info) =>
        info is { DecisionNumber: { } number, DecisionDate: { } date } ? Core.Publishing.PublicationService.Decision(number, date) : null;
}
