using System.Globalization;
using System.Security.Claims;
using ParIndex.Core.Accounts;

namespace ParIndex.Web.Infrastructure;

/// <summary>The signed-in user as the services' <see cref="Actor"/>.</summary>
public static class ActorExtensions
{
    public static Actor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = int.Parse(user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in."), CultureInfo.InvariantCulture);
        var role = Roles.All.First(user.IsInRole);
        var unit = user.FindFirstValue(ParIndexClaimsFactory.UnitClaim);
        return new Actor(id, user.Identity?.Name ?? "", role, unit is null ? null : int.Parse(unit, CultureInfo.InvariantCulture));
    }

    /// <summary>The actor when someone with a role is signed in; null for an anonymous reader.</summary>
    public static Actor? ToActorOrNull(this ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && Roles.All.Any(user.IsInRole) ? user.ToActor() : null;

    public static string FullName(this ClaimsPrincipal user) =>
        user?.FindFirstValue(ParIndexClaimsFactory.FullNameClaim) ?? user?.Identity?.Name ?? "";
}
