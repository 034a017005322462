namespace ParIndex.Web.Pages.Shared;

/// <summary>
/// The top of an administrative paper: on the left the authority and, below it in bold, the issuer
/// (e.g. "ỦY BAN NHÂN DÂN TỈNH …" / "SỞ TƯ PHÁP"); on the right the national name and motto.
/// </summary>
public sealed record NationalHeader(string Authority, string Issuer)
{
    /// <summary>The province as printed ("TỈNH …"): ParIndex:Province, or the demo province in demo data.</summary>
    public static string Province(IConfiguration configuration, bool demo)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration["ParIndex:Province"] is { Length: > 0 } configured ? configured : demo ? Core.Messages.Get("DemoProvince") : "";
    }
}
