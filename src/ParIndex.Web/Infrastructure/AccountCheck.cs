using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParIndex.Core.Data;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// Every request of a signed-in account — cookie, bearer token, or the app's own print token — is
/// checked against the account as stored now: disabled (an administrator's lock), or a changed
/// security stamp (a password reset or change, disabling) ends that session or token on its very next request, not at
/// the next refresh or after the cookie validator's interval. One indexed query per request. The
/// command line's in-process reader (authentication type "cli") has no account and is not checked.
/// </summary>
public static class AccountCheck
{
    /// <summary>Middleware, after authentication and the print tokens.</summary>
    public static async Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.User.Identity is { IsAuthenticated: true, AuthenticationType: not "cli" } && !await StillValidAsync(context))
        {
            if (context.Request.Cookies.ContainsKey(CookieName))
            {
                await context.SignOutAsync(IdentityConstants.ApplicationScheme); // the browser drops the cookie
            }

            context.User = new ClaimsPrincipal(new ClaimsIdentity()); // this request goes on as anonymous: 401, or the sign-in page
        }

        await next();
    }

    /// <summary>The sign-in cookie's name (WebSetup).</summary>
    public const string CookieName = "ParIndex.Auth";

    private static async Task<bool> StillValidAsync(HttpContext context)
    {
        var claims = context.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var stamp = context.User.FindFirstValue(claims.SecurityStampClaimType);
        if (!int.TryParse(context.User.FindFirstValue(claims.UserIdClaimType), out var id) || string.IsNullOrEmpty(stamp))
        {
            return false;
        }

        // An administrator's lock is disabling (DisabledAt, and a lockout without end). The short lockout
        // after failed sign-ins is not checked here: whoever guesses a password must not be able to end
        // the real person's session that way.
        var db = context.RequestServices.GetRequiredService<ParIndexDbContext>();
        return await db.Users.AsNoTracking().AnyAsync(u => u.Id == id && u.SecurityStamp == stamp && u.DisabledAt == null, context.RequestAborted);
    }
}
