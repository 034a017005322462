using System.Security.Claims;
using ParIndex.Core.Accounts;
using ParIndex.Core.Years;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Years;

public sealed record CreateYearRequest(int Year, string? Title);

/// <param name="Openings">Five UTC times: self-assessment, round 1, explanation, round 2, finalisation.</param>
public sealed record CalendarRequest(IReadOnlyList<DateTimeOffset> Openings, string? Reason);

public sealed record NextPhaseRequest(string? Reason);

public sealed record ExtensionRequest(AssessmentPhase Phase, DateTimeOffset Until, string? Reason);

public sealed record AssignmentRequest(string UserName, string? UnitCode, string? AreaCode);

/// <summary>Administering a year: opening it from the previous one, its calendar, extensions, assignments, the dashboard.</summary>
public static class YearsApi
{
    public static IEndpointRouteBuilder MapYearsApi(this IEndpointRouteBuilder app)
    {
        var years = app.MapGroup("/api/years").WithTags("Years");
        years.MapPost("", async (CreateYearRequest request, ClaimsPrincipal user, YearAdminService service, CancellationToken ct) =>
                (await service.CreateFromPreviousAsync(user.ToActor(), request.Year, request.Title, ct))
                    .ToResult(v => v is AssessmentYear y ? new { y.Year, y.Title } : null))
            .RequireAuthorization(Policies.Administrator).WithName("CreateYear");

        years.MapPut("/{year}/calendar", async (string year, CalendarRequest request, ClaimsPrincipal user, YearAdminService service,
                CancellationToken ct) => YearInput.TryParse(year, out var y, out var bad)
                ? (await service.SetCalendarAsync(user.ToActor(), y, request.Openings ?? [], request.Reason, ct)).ToResult()
                : bad)
            .RequireAuthorization(Policies.Administrator).WithName("SetCalendar");

        years.MapPost("/{year}/calendar/next-phase", async (string year, NextPhaseRequest request, ClaimsPrincipal user, YearAdminService service,
                CancellationToken ct) => YearInput.TryParse(year, out var y, out var bad)
                ? (await service.OpenNextPhaseAsync(user.ToActor(), y, request.Reason, ct))
                    .ToResult(v => v is PhaseChange c ? new { c.Opening, c.Closing, c.Affected, Message = c.Report } : null)
                : bad)
            .RequireAuthorization(Policies.RunsRounds).WithName("OpenNextPhase");

        years.MapPut("/{year}/units/{code}/extension", async (string year, string code, ExtensionRequest request, ClaimsPrincipal user,
                YearAdminService service, CancellationToken ct) => YearInput.TryParse(year, out var y, out var bad)
                ? (await service.ExtendDeadlineAsync(user.ToActor(), y, code, request.Phase, request.Until, request.Reason, ct)).ToResult()
                : bad)
            .RequireAuthorization(Policies.Administrator).WithName("ExtendDeadline");

        years.MapPost("/{year}/assignments", async (string year, AssignmentRequest request, ClaimsPrincipal user, AccountService service,
                CancellationToken ct) => YearInput.TryParse(year, out var y, out var bad)
                ? (await service.AssignAsync(user.ToActor(), y, request.UserName, request.UnitCode, request.AreaCode, ct)).ToResult()
                : bad)
            .RequireAuthorization(Policies.Administrator).WithName("AssignAppraiser");

        years.MapGet("/{year}/assignments", async (string year, AccountService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad) ? TypedResults.Ok(await service.AssignmentsAsync(y, ct)) : bad)
            .RequireAuthorization(Policies.Administrator).WithName("ListAssignments");

        years.MapDelete("/{year}/assignments/{id:int}", async (string year, int id, ClaimsPrincipal user, AccountService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad) ? (await service.UnassignAsync(user.ToActor(), y, id, ct)).ToResult() : bad)
            .RequireAuthorization(Policies.Administrator).WithName("RemoveAssignment");

        years.MapGet("/{year}/dashboard", async Task<IResult> (string year, YearAdminService service, CancellationToken ct) =>
            {
                if (!YearInput.TryParse(year, out var y, out var bad))
                {
                    return bad;
                }

                var dashboard = await service.DashboardAsync(y, ct);
                return dashboard is null
                    ? TypedResults.NotFound()
                    : TypedResults.Ok(new
                    {
                        dashboard.Year.Year,
                        dashboard.Phase,
                        dashboard.Stage,
                        dashboard.NextPhase,
                        Calendar = dashboard.Year.Calendar(),
                        Blocs = dashboard.CountsPerBloc.Select(b => new { b.Bloc, b.Counts }),
                        dashboard.Units,
                    });
            })
            .RequireAuthorization(Policies.Overview).WithName("YearDashboard");
        return app;
    }
}
