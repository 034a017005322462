namespace ParIndex.Web.Infrastructure;

/// <summary>
/// The authorisation policies. Every page and endpoint names one explicitly; anything that does not
/// is refused by the fallback policy (deny by default).
/// </summary>
public static class Policies
{
    /// <summary>Published information anyone may read: published rankings, health, the API description.</summary>
    public const string Public = "Public";
}
