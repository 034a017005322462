using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;

namespace ParIndex.Core.Notifications;

/// <summary>
/// Writes in-app notifications into the current unit of work (saved with the change that caused them).
/// Texts are stored in Vietnamese, the working language of the province.
/// </summary>
public sealed class Notifier(ParIndexDbContext db, TimeProvider clock)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    /// <summary>Notifies the active reporters and head of a unit.</summary>
    public async Task ToUnitAsync(int unitId, string link, string key, object?[] args, string? dedupeKey = null, CancellationToken cancellationToken = default)
    {
        var users = await db.Users
            .Where(u => u.UnitId == unitId && u.DisabledAt == null)
            .Select(u => u.Id)
            .ToListAsync(cancellationToken);
        await AddAsync(users, link, key, args, dedupeKey, cancellationToken);
    }

    /// <summary>Notifies the secretaries and the appraisers assigned to a unit (by unit or by area) in a year.</summary>
    public async Task ToCouncilAsync(int yearId, int unitId, string link, string key, object?[] args, CancellationToken cancellationToken = default) =>
        await ToCouncilAsync(yearId, unitId, link, key, args, null, cancellationToken);

    /// <summary>Notifies the council of a unit, once per <paramref name="dedupeKey"/>.</summary>
    public async Task ToCouncilAsync(int yearId, int unitId, string link, string key, object?[] args, string? dedupeKey, CancellationToken cancellationToken = default)
    {
        var secretaries = from u in db.Users
                          join ur in db.UserRoles on u.Id equals ur.UserId
                          join r in db.Roles on ur.RoleId equals r.Id
                          where r.Name == Roles.Secretary && u.DisabledAt == null
                          select u.Id;
        var appraisers = db.AppraiserAssignments
            .Where(a => a.AssessmentYearId == yearId && (a.UnitId == null || a.UnitId == unitId))
            .Select(a => a.UserId);
        var users = await secretaries.Union(appraisers).ToListAsync(cancellationToken);
        await AddAsync(users, link, key, args, dedupeKey, cancellationToken);
    }

    /// <summary>The arguments for display: "@Key" becomes that message in <paramref name="culture"/>.</summary>
    public static object?[] Resolve(CultureInfo culture, IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        return [.. args.Select(a => a.StartsWith('@') ? Messages.In(culture, a[1..]) : (object)a)];
    }

    private async Task AddAsync(IEnumerable<int> userIds, string link, string key, object?[] args, string? dedupeKey, CancellationToken cancellationToken)
    {
        var texts = args.Select(a => a switch
        {
            null => "",
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        }).ToArray();
        var message = Messages.In(Vietnamese, key, Resolve(Vietnamese, texts));
        var now = clock.GetUtcNow();
        var already = dedupeKey is null
            ? []
            : await db.Notifications.Where(n => n.DedupeKey == dedupeKey).Select(n => n.UserId).ToListAsync(cancellationToken);
        foreach (var userId in userIds.Distinct().Except(already))
        {
            db.Notifications.Add(new Notification
            {
                UserId = userId, CreatedAt = now, Message = message, MessageKey = key, MessageArgs = texts, Link = link, DedupeKey = dedupeKey,
            });
        }
    }
}
