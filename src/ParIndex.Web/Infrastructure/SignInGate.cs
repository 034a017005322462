using Microsoft.AspNetCore.Identity;
using ParIndex.Core;
using ParIndex.Core.Accounts;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// The one way in by password, for the sign-in page and the token endpoint. Every failure (unknown
/// name, wrong password, locked out, disabled) answers the same message and costs the same password
/// hash, so that neither the words nor the time tell whether an account exists or what state it is in.
/// Repeated failures still lock the account (Identity's lockout); each address is also rate limited.
/// </summary>
public static class SignInGate
{
    /// <summary>The rate-limit policy of both ways in: per client address.</summary>
    public const string RateLimitPolicy = "sign-in";

    // A hash to check unknown names against, so that they cost what a real account costs.
    private static readonly Lazy<string> DecoyHash = new(() => new PasswordHasher<ParIndexUser>().HashPassword(new ParIndexUser(), Guid.NewGuid().ToString()));

    /// <summary>Signs in with <paramref name="signIn"/>'s scheme (cookie or bearer); null on success, else the message to show.</summary>
    public static async Task<string?> PasswordSignInAsync(SignInManager<ParIndexUser> signIn, string? userName, string? password)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var name = (userName ?? "").Trim().ToLowerInvariant();
        var user = name.Length == 0 ? null : await signIn.UserManager.FindByNameAsync(name);
        if (user is null || user.DisabledAt is not null)
        {
            // Cost what a real check costs, then refuse (a disabled account's password is not even tried).
            signIn.UserManager.PasswordHasher.VerifyHashedPassword(new ParIndexUser(), DecoyHash.Value, password ?? "");
            return Messages.Get("SignInFailed");
        }

        var result = await signIn.PasswordSignInAsync(user, password ?? "", isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded ? null : Messages.Get("SignInFailed");
    }
}
