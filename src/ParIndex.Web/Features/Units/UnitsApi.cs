using System.Security.Claims;
using ParIndex.Core.Units;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Units;

public sealed record NewBloc(string Code, string Name);

public sealed record NewUnit(string Code, string Name, string BlocCode, int FrameworkId);

public sealed record UnitSettings(string BlocCode, int FrameworkId);

public sealed record Merger(string Code, string Name, string BlocCode, IReadOnlyList<string> Predecessors, string? Reason);

/// <summary>Blocs and units of a year: list, add, bloc and framework version, mergers with lineage.</summary>
public static class UnitsApi
{
    public static IEndpointRouteBuilder MapUnitsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/blocs", async (NewBloc bloc, ClaimsPrincipal user, UnitAdminService service, CancellationToken ct) =>
                (await service.AddBlocAsync(user.ToActor(), bloc.Code, bloc.Name, ct)).ToResult(v => v is Bloc b ? new { b.Code, b.Name } : null))
            .RequireAuthorization(Policies.Administrator).WithTags("Units").WithName("AddBloc");

        var group = app.MapGroup("/api/years/{year}/units").WithTags("Units");
        group.MapGet("", async Task<IResult> (string year, UnitAdminService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad) ? TypedResults.Ok(await service.ListAsync(y, ct)) : bad)
            .RequireAuthorization(Policies.Overview).WithName("ListUnits");
        group.MapPost("", async Task<IResult> (string year, NewUnit unit, ClaimsPrincipal user, UnitAdminService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.AddUnitAsync(user.ToActor(), y, unit.Code, unit.Name, unit.BlocCode, unit.FrameworkId, ct)).ToResult(v => v is Unit u ? new { u.Code, u.Name } : null)
                    : bad)
            .RequireAuthorization(Policies.Administrator).WithName("AddUnit");
        group.MapPut("/{code}", async Task<IResult> (string year, string code, UnitSettings settings, ClaimsPrincipal user, UnitAdminService service,
                CancellationToken ct) => YearInput.TryParse(year, out var y, out var bad)
                ? (await service.SetAsync(user.ToActor(), y, code, settings.BlocCode, settings.FrameworkId, ct)).ToResult()
                : bad)
            .RequireAuthorization(Policies.Administrator).WithName("SetUnit");
        group.MapPost("/merge", async Task<IResult> (string year, Merger merger, ClaimsPrincipal user, UnitAdminService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.MergeAsync(user.ToActor(), y, merger.Code, merger.Name, merger.BlocCode, merger.Predecessors ?? [], merger.Reason, ct))
                        .ToResult(v => v is Unit u ? new { u.Code, u.Name } : null)
                    : bad)
            .RequireAuthorization(Policies.Administrator).WithName("MergeUnits");
        return app;
    }
}
