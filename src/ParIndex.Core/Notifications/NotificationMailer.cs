using System.Net;
using System.Net.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ParIndex.Core.Data;

namespace ParIndex.Core.Notifications;

/// <summary>
/// Sends unsent notifications by e-mail to users who have an address, when SMTP is configured;
/// otherwise does nothing (notifications stay in-app only). A failed send is retried on the next run.
/// </summary>
public sealed class NotificationMailer(ParIndexDbContext db, IOptions<SmtpOptions> options, TimeProvider clock, ILogger<NotificationMailer> logger)
{
    /// <summary>Sends what is due; returns how many messages went out.</summary>
    public async Task<int> SendPendingAsync(CancellationToken cancellationToken = default)
    {
        var smtp = options.Value;
        if (!smtp.Enabled)
        {
            return 0;
        }

        var since = clock.GetUtcNow().AddDays(-2); // older ones are stale news
        var pending = await (from n in db.Notifications
                             join u in db.Users on n.UserId equals u.Id
                             where n.EmailedAt == null && n.CreatedAt > since && u.Email != null && u.DisabledAt == null
                             orderby n.Id
                             select new { Notification = n, u.Email, u.FullName }).Take(200).ToListAsync(cancellationToken);
        if (pending.Count == 0)
        {
            return 0;
        }

        using var client = new SmtpClient(smtp.Host, smtp.Port) { EnableSsl = smtp.EnableSsl, DeliveryMethod = SmtpDeliveryMethod.Network };
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            client.Credentials = new NetworkCredential(smtp.UserName, smtp.Password);
        }

        var sent = 0;
        foreach (var item in pending)
        {
            var link = item.Notification.Link is { } l && smtp.BaseUrl is { } b ? $"{b.TrimEnd('/')}{l}" : item.Notification.Link;
            using var message = new MailMessage(new MailAddress(smtp.From, "ParIndex"), new MailAddress(item.Email!, item.FullName))
            {
                Subject = "[ParIndex] " + (item.Notification.Message.Length > 120 ? item.Notification.Message[..120] + "…" : item.Notification.Message),
                Body = item.Notification.Message + (link is null ? "" : "\n\n" + link),
                SubjectEncoding = System.Text.Encoding.UTF8,
                BodyEncoding = System.Text.Encoding.UTF8,
            };
            try
            {
                await client.SendMailAsync(message, cancellationToken);
                item.Notification.EmailedAt = clock.GetUtcNow();
                sent++;
            }
            catch (SmtpException e)
            {
                logger.LogWarning(e, "Could not e-mail notification {Id} to {Email}; will retry", item.Notification.Id, item.Email);
                break;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return sent;
    }
}
