using Microsoft.AspNetCore.Authorization;
using ParIndex.Core.Accounts;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// The authorisation policies. Every page and endpoint names one explicitly; anything that does not
/// is refused by the fallback policy (deny by default). Unit scope (a unit's users see only their
/// unit, appraisers only what is assigned) is checked by the services on every call.
/// </summary>
public static class Policies
{
    /// <summary>Published information anyone may read: published rankings, health, the API description, sign-in.</summary>
    public const string Public = "Public";

    /// <summary>Any signed-in account with a role (what it sees is then scoped by the services).</summary>
    public const string Reader = "Reader";

    /// <summary>Overviews of every unit: administrator, council secretary, viewer.</summary>
    public const string Overview = "Overview";

    /// <summary>Sở Nội vụ: accounts, years, calendar, deadlines.</summary>
    public const string Administrator = "Administrator";

    /// <summary>Runs the rounds: administrator or council secretary.</summary>
    public const string RunsRounds = "RunsRounds";

    /// <summary>A unit's reporter or head (entering and submitting for their unit).</summary>
    public const string UnitStaff = "UnitStaff";

    /// <summary>Appraisers and the council secretary.</summary>
    public const string Council = "Council";

    /// <summary>The council secretary (finalises).</summary>
    public const string Secretary = "Secretary";

    public static AuthorizationBuilder AddParIndexPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(Public, p => p.RequireAssertion(_ => true))
            .AddPolicy(Reader, p => p.RequireRole(Roles.All))
            .AddPolicy(Overview, p => p.RequireRole(Roles.Administrator, Roles.Secretary, Roles.Viewer))
            .AddPolicy(Administrator, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(RunsRounds, p => p.RequireRole(Roles.Administrator, Roles.Secretary))
            .AddPolicy(UnitStaff, p => p.RequireRole(Roles.Reporter, Roles.UnitHead))
            .AddPolicy(Council, p => p.RequireRole(Roles.Appraiser, Roles.Secretary))
            .AddPolicy(Secretary, p => p.RequireRole(Roles.Secretary))
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(Roles.All).Build());
    }
}
