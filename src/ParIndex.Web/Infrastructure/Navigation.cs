using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;

namespace ParIndex.Web.Infrastructure;

/// <summary>What the header shows a signed-in user: the working year, their unit's page, unread notifications.</summary>
public sealed class Navigation(ParIndexDbContext db, IHttpContextAccessor http)
{
    public sealed record Links(string FullName, string Role, int? Year, string? UnitCode, int Unread);

    public async Task<Links?> GetAsync()
    {
        var user = http.HttpContext?.User;
        if (user?.Identity?.IsAuthenticated != true || !Roles.All.Any(user.IsInRole))
        {
            return null;
        }

        var actor = user.ToActor();
        var year = await db.Years.OrderByDescending(y => y.Year).Select(y => (int?)y.Year).FirstOrDefaultAsync();
        var unit = actor.UnitId is { } id ? await db.Units.Where(u => u.Id == id).Select(u => u.Code).SingleOrDefaultAsync() : null;
        var unread = await db.Notifications.CountAsync(n => n.UserId == actor.UserId && n.ReadAt == null);
        return new Links(user.FullName(), actor.Role, year, unit, unread);
    }
}
