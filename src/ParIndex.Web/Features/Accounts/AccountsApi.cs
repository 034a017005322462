using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Accounts;

public sealed record TokenRequest(string UserName, string Password);

public sealed record DisableRequest(string? Reason);

public sealed record PasswordRequest(string? CurrentPassword, string? NewPassword);

/// <param name="UnitCode">The code of the unit the appraiser works for; null or empty to clear.</param>
public sealed record WorksAtRequest(string? UnitCode);

public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Sign-in for API clients (Identity bearer tokens), who am I, and account administration.</summary>
public static class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        // Identity's bearer handler writes { tokenType, accessToken, expiresIn, refreshToken } on sign-in.
        app.MapPost("/api/auth/token", async Task<IResult> (TokenRequest request, SignInManager<ParIndexUser> signIn) =>
            {
                signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
                var refusal = await SignInGate.PasswordSignInAsync(signIn, request.UserName, request.Password);
                return refusal is null ? TypedResults.Empty : TypedResults.Problem(refusal, statusCode: StatusCodes.Status401Unauthorized);
            })
            .RequireAuthorization(Policies.Public).RequireRateLimiting(SignInGate.RateLimitPolicy).WithTags("Accounts").WithName("GetToken");

        // A new access token for a refresh token, as long as the account is unchanged and not disabled.
        app.MapPost("/api/auth/refresh", async Task<IResult> (RefreshRequest request, IOptionsMonitor<BearerTokenOptions> options, TimeProvider clock,
                SignInManager<ParIndexUser> signIn) =>
            {
                var ticket = string.IsNullOrEmpty(request.RefreshToken)
                    ? null
                    : options.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(request.RefreshToken);
                if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
                    || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { DisabledAt: null } user)
                {
                    return TypedResults.Problem(Messages.Get("SignInFailed"), statusCode: StatusCodes.Status401Unauthorized);
                }

                return TypedResults.SignIn(await signIn.CreateUserPrincipalAsync(user), authenticationScheme: IdentityConstants.BearerScheme);
            })
            .RequireAuthorization(Policies.Public).WithTags("Accounts").WithName("RefreshToken");

        app.MapGet("/api/me", (ClaimsPrincipal user) =>
            {
                var actor = user.ToActor();
                return TypedResults.Ok(new { actor.UserName, FullName = user.FullName(), actor.Role, actor.UnitId });
            })
            .RequireAuthorization(Policies.Reader).WithTags("Accounts").WithName("Me");

        app.MapPost("/api/me/password", async (PasswordRequest request, ClaimsPrincipal user, AccountService service, CancellationToken ct) =>
                (await service.ChangePasswordAsync(user.ToActor(), request.CurrentPassword, request.NewPassword, ct)).ToResult())
            .RequireAuthorization(Policies.Reader).WithTags("Accounts").WithName("ChangeOwnPassword");

        var accounts = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Administrator);
        accounts.MapGet("", async (AccountService service, CancellationToken ct) => TypedResults.Ok(await service.ListAsync(ct))).WithName("ListAccounts");
        accounts.MapPost("", async (NewAccount request, ClaimsPrincipal user, AccountService service, CancellationToken ct) =>
                (await service.CreateAsync(user.ToActor(), request, ct)).ToResult(v => v is ParIndexUser u ? new { u.Id, u.UserName } : null))
            .WithName("CreateAccount");
        accounts.MapPost("/{userName}/disable", async (string userName, DisableRequest request, ClaimsPrincipal user, AccountService service,
                CancellationToken ct) => (await service.SetDisabledAsync(user.ToActor(), userName, true, request.Reason, ct)).ToResult())
            .WithName("DisableAccount");
        accounts.MapPost("/{userName}/enable", async (string userName, DisableRequest request, ClaimsPrincipal user, AccountService service,
                CancellationToken ct) => (await service.SetDisabledAsync(user.ToActor(), userName, false, request.Reason, ct)).ToResult())
            .WithName("EnableAccount");
        accounts.MapPost("/{userName}/password-reset", async (string userName, ClaimsPrincipal user, AccountService service, CancellationToken ct) =>
                (await service.ResetPasswordAsync(user.ToActor(), userName, ct)).ToResult(v => new { temporaryPassword = v }))
            .WithName("ResetPassword").WithSummary("A temporary password for another account (returned once), to be changed at the next sign-in; the account's sessions and tokens end");
        accounts.MapPut("/{userName}/works-at", async (string userName, WorksAtRequest request, ClaimsPrincipal user, AccountService service,
                CancellationToken ct) => (await service.SetWorksAtAsync(user.ToActor(), userName, request.UnitCode, ct)).ToResult())
            .WithName("SetAppraiserAgency").WithSummary("The agency an appraiser works for, which they never appraise (null to clear)");
        return app;
    }
}
