using System.Globalization;
using System.Resources;

namespace ParIndex.Core;

/// <summary>
/// The texts the services produce (refusals, notifications), in the current UI culture: Vietnamese
/// by default (Resources/Messages.resx), English from Resources/Messages.en.resx.
/// </summary>
public static class Messages
{
    private static readonly ResourceManager Resources = new("ParIndex.Core.Resources.Messages", typeof(Messages).Assembly);

    public static string Get(string key, params object?[] args) => In(CultureInfo.CurrentUICulture, key, args);

    /// <summary>The text in a given culture (notifications are stored in Vietnamese).</summary>
    public static string In(CultureInfo culture, string key, params object?[] args)
    {
        var format = Resources.GetString(key, culture) ?? throw new ArgumentException($"No text '{key}'.", nameof(key));
        return args.Length == 0 ? format : string.Format(culture, format, args);
    }
}
