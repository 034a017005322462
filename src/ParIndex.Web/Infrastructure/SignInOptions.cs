namespace ParIndex.Web.Infrastructure;

/// <summary>The rate limit of password sign-in, page and token endpoint together (configuration section <c>ParIndex:SignIn</c>).</summary>
public sealed class SignInOptions
{
    public const string Section = "ParIndex:SignIn";

    /// <summary>
    /// Password attempts per minute from one address (default 20: an office behind one address signs in
    /// many people at nine o'clock; a guesser gets 20 a minute, and each account locks after 5 failures).
    /// </summary>
    public int AttemptsPerMinute { get; set; } = 20;
}
