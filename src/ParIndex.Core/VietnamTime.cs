using System.Globalization;

namespace ParIndex.Core;

/// <summary>Times as people in Vietnam read and type them: UTC+7 all year (no daylight saving since 1975), dd/MM/yyyy HH:mm.</summary>
public static class VietnamTime
{
    public static readonly TimeSpan Offset = TimeSpan.FromHours(7);

    public const string Pattern = "dd/MM/yyyy HH:mm";

    /// <summary>A stored (UTC) instant as Vietnam local time, e.g. <c>01/02/2026 03:30</c>.</summary>
    public static string Format(DateTimeOffset instant) => instant.ToOffset(Offset).ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>
    /// Reads a Vietnam local time typed as dd/MM/yyyy HH:mm (also d/M/yyyy H:mm, or the HTML
    /// yyyy-MM-ddTHH:mm); null when it is not one.
    /// </summary>
    public static DateTimeOffset? Parse(string? text) =>
        DateTime.TryParseExact(text?.Trim(), [Pattern, "d/M/yyyy H:mm", "yyyy-MM-ddTHH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? new DateTimeOffset(local, Offset)
            : null;
}
