using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Core.Notifications;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages;

/// <summary>The signed-in user's notifications, newest first; opening the page marks them read.</summary>
[Authorize(Policy = Policies.Reader)]
public sealed class NotificationsModel(ParIndexDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Notification> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        var id = User.ToActor().UserId;
        Items = await db.Notifications.AsNoTracking().Where(n => n.UserId == id).OrderByDescending(n => n.Id).Take(200).ToListAsync(ct);
        var now = clock.GetUtcNow();
        await db.Notifications.Where(n => n.UserId == id && n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), ct);
    }
}
