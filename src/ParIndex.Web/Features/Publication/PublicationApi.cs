using System.Security.Claims;
using ParIndex.Core.Publishing;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Publication;

public sealed record ProposalRequest(string? Note);

/// <param name="DecisionNumber">e.g. "2001/QĐ-UBND".</param>
/// <param name="DecisionDate">dd/MM/yyyy (or yyyy-MM-dd).</param>
public sealed record DecisionRequest(string? DecisionNumber, string? DecisionDate);

public sealed record ReasonRequest(string? Reason);

/// <summary>Empty strings switch a criterion off.</summary>
public sealed record AwardsRequest(string? Top, string? RankGain, string? IndexGain);

/// <summary>Proposing, approving and correcting a year's published results; the award rules.</summary>
public static class PublicationApi
{
    public static IEndpointRouteBuilder MapPublicationApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/years/{year}/publication").WithTags("Publication");

        group.MapGet("", async (string year, PublicationService service, CancellationToken ct) =>
                !YearInput.TryParse(year, out var y, out var bad) ? bad
                : await service.StateAsync(y, ct) is { } state ? TypedResults.Ok(state) : TypedResults.NotFound())
            .RequireAuthorization(Policies.Overview).WithName("GetPublication")
            .WithSummary("Where the year stands on its way to publication, and every version");

        group.MapPost("/proposal", async (string year, ProposalRequest request, ClaimsPrincipal user, PublicationService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.ProposeAsync(user.ToActor(), y, request.Note, ct)).ToResult(v => new { version = v })
                    : bad)
            .RequireAuthorization(Policies.Secretary).WithName("ProposePublication")
            .WithSummary("The council secretary proposes the current results (a snapshot; the year locks)");

        group.MapPost("/decision", async (string year, DecisionRequest request, ClaimsPrincipal user, PublicationService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.PublishAsync(user.ToActor(), y, request.DecisionNumber, request.DecisionDate, ct)).ToResult(v => new { version = v })
                    : bad)
            .RequireAuthorization(Policies.Administrator).WithName("PublishResults")
            .WithSummary("An administrator publishes the pending proposal under a decision");

        group.MapPost("/rejection", async (string year, ReasonRequest request, ClaimsPrincipal user, PublicationService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.RejectAsync(user.ToActor(), y, request.Reason, ct)).ToResult(v => new { version = v })
                    : bad)
            .RequireAuthorization(Policies.Administrator).WithName("RejectProposal")
            .WithSummary("An administrator sends the pending proposal back with a reason");

        group.MapPost("/correction", async (string year, ReasonRequest request, ClaimsPrincipal user, PublicationService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.OpenCorrectionAsync(user.ToActor(), y, request.Reason, ct)).ToResult()
                    : bad)
            .RequireAuthorization(Policies.Administrator).WithName("OpenCorrection")
            .WithSummary("An administrator opens a correction of the published results (the year unlocks until the next proposal)");

        group.MapPut("/awards", async (string year, AwardsRequest request, ClaimsPrincipal user, PublicationService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.SetAwardsAsync(user.ToActor(), y, request.Top, request.RankGain, request.IndexGain, ct)).ToResult()
                    : bad)
            .RequireAuthorization(Policies.Administrator).WithName("SetAwards")
            .WithSummary("Top ranks per bloc proposed for an award, and the outstanding-progress rule");
        return routes;
    }
}
