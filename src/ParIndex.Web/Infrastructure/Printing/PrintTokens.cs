using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;

namespace ParIndex.Web.Infrastructure.Printing;

/// <summary>
/// Short-lived tokens with which the app's own headless Chromium reads a print page as the person who
/// asked for the PDF (same identity, same authorisation), without handing it their cookie. Issued in
/// memory, 256 random bits, valid for two minutes, accepted only from the loopback address.
/// </summary>
public sealed class PrintTokens(TimeProvider clock)
{
    /// <summary>The request header that carries a token.</summary>
    public const string Header = "X-ParIndex-Print";

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);
    private readonly ConcurrentDictionary<string, (ClaimsPrincipal User, DateTimeOffset Until)> _tokens = new(StringComparer.Ordinal);

    /// <summary>A token standing for <paramref name="user"/> (anonymous readers get an anonymous principal).</summary>
    public string Issue(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = clock.GetUtcNow();
        foreach (var expired in _tokens.Where(t => t.Value.Until < now).Select(t => t.Key).ToList())
        {
            _tokens.TryRemove(expired, out _);
        }

        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        _tokens[token] = (user, now + Lifetime);
        return token;
    }

    /// <summary>Ends a token once its print job is done.</summary>
    public void Revoke(string token) => _tokens.TryRemove(token, out _);

    /// <summary>The principal of a valid token, or null.</summary>
    public ClaimsPrincipal? Redeem(string? token) =>
        token is not null && _tokens.TryGetValue(token, out var entry) && entry.Until >= clock.GetUtcNow() ? entry.User : null;

    /// <summary>Middleware (after authentication): a loopback request with a valid token reads as the token's user.</summary>
    public async Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (context.Request.Headers.TryGetValue(Header, out var value))
        {
            var remote = context.Connection.RemoteIpAddress;
            if (remote is null || !System.Net.IPAddress.IsLoopback(remote) || Redeem(value.ToString()) is not { } user)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            context.User = user;
        }

        await next();
    }
}
