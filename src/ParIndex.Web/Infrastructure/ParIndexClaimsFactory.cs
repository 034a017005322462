using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ParIndex.Core.Accounts;

namespace ParIndex.Web.Infrastructure;

/// <summary>Adds the account's unit and full name to its sign-in (cookie or bearer token).</summary>
public sealed class ParIndexClaimsFactory(UserManager<ParIndexUser> users, RoleManager<IdentityRole<int>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<ParIndexUser, IdentityRole<int>>(users, roles, options)
{
    public const string UnitClaim = "parindex:unit";
    public const string FullNameClaim = "parindex:name";

    /// <summary>Present while the account's password is a temporary one: pages lead to the password form first.</summary>
    public const string MustChangePasswordClaim = "parindex:must-change-password";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(ParIndexUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(FullNameClaim, user.FullName));
        if (user.MustChangePassword)
        {
            identity.AddClaim(new Claim(MustChangePasswordClaim, "true"));
        }

        if (user.UnitId is { } unit)
        {
            identity.AddClaim(new Claim(UnitClaim, unit.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
