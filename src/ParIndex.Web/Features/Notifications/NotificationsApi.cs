using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Notifications;

/// <summary>The signed-in user's in-app notifications.</summary>
public static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/notifications", async Task<IResult> (ClaimsPrincipal user, ParIndexDbContext db, CancellationToken ct) =>
            {
                var id = user.ToActor().UserId;
                var items = await db.Notifications.AsNoTracking().Where(n => n.UserId == id).OrderByDescending(n => n.Id).Take(100).ToListAsync(ct);
                return TypedResults.Ok(items.Select(n => new
                {
                    n.Id, n.CreatedAt, Message = n.Text(System.Globalization.CultureInfo.CurrentUICulture), n.Link, Read = n.ReadAt != null,
                }));
            })
            .RequireAuthorization(Policies.Reader).WithTags("Notifications").WithName("ListNotifications");

        app.MapPost("/api/notifications/read", async Task<IResult> (ClaimsPrincipal user, ParIndexDbContext db, TimeProvider clock, CancellationToken ct) =>
            {
                var id = user.ToActor().UserId;
                var now = clock.GetUtcNow();
                await db.Notifications.Where(n => n.UserId == id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
                return TypedResults.NoContent();
            })
            .RequireAuthorization(Policies.Reader).WithTags("Notifications").WithName("MarkNotificationsRead");
        return app;
    }
}
