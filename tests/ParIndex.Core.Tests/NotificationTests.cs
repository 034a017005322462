using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Accounts;
using ParIndex.Core.Demo;
using ParIndex.Core.Notifications;
using ParIndex.Core.Years;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

public sealed class NotificationTests(WorkflowFixture app) : IClassFixture<WorkflowFixture>
{
    [Fact]
    public async Task Reminders_ThreeDaysAndOneDayBeforeAUnitsDeadline_OnceEach_AnExtensionRemindsAgain()
    {
        var (reporter, head) = await app.UnitStaffAsync("SO14");
        var reminders = app.Get<DeadlineReminders>();
        int Count(Actor a) => app.Db().Notifications.Count(n => n.UserId == a.UserId && n.DedupeKey != null && n.DedupeKey.Contains(":SO14:"));

        app.Clock.Now = WorkflowFixture.FirstRoundOpens.AddDays(-4);
        await reminders.RunAsync();
        Assert.Equal(0, Count(reporter));

        app.Clock.Now = WorkflowFixture.FirstRoundOpens.AddDays(-2.5);
        await reminders.RunAsync();
        await reminders.RunAsync();
        Assert.Equal(1, Count(reporter));
        Assert.Equal(1, Count(head));
        var first = await app.Db().Notifications.FirstAsync(n => n.UserId == reporter.UserId && n.DedupeKey!.Contains(":SO14:"));
        Assert.StartsWith("Còn 3 ngày đến hạn Tự đánh giá năm 2026 (01/02/2027 00:00)", first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, first.Text(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")));
        Assert.StartsWith("3 day(s) left until the 2026 Self-assessment deadline (01/02/2027 00:00)", first.Text(System.Globalization.CultureInfo.GetCultureInfo("en")), StringComparison.Ordinal);

        app.Clock.Now = WorkflowFixture.FirstRoundOpens.AddHours(-20);
        await reminders.RunAsync();
        Assert.Equal(2, Count(reporter));

        var admin = await app.ActorAsync("quantri");
        Assert.True((await app.Get<YearAdminService>().ExtendDeadlineAsync(admin, WorkflowFixture.Year, "SO14", AssessmentPhase.SelfAssessment,
            WorkflowFixture.FirstRoundOpens.AddDays(2), "Đổi trụ sở")).Succeeded);
        app.Clock.Now = WorkflowFixture.FirstRoundOpens.AddHours(1);
        await reminders.RunAsync();
        Assert.Equal(3, Count(reporter)); // the new deadline is two days away minus an hour: the three-day reminder
    }

    [Fact]
    public async Task Mailer_WithSmtpConfigured_SendsEachNotificationOnce_WithoutSmtp_SendsNothing()
    {
        await using var smtp = new FakeSmtpServer();
        await using var services = app.Database.Services(
            new Dictionary<string, string?> { ["ParIndex:Smtp:Host"] = "127.0.0.1", ["ParIndex:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["ParIndex:Smtp:BaseUrl"] = "https://cchc.example.vn" },
            s => s.AddSingleton<TimeProvider>(app.Clock));
        var accounts = app.Get<AccountService>();
        Assert.True((await accounts.CreateAsync(null, new NewAccount("email.user", "Người nhận thư", "nguoinhan@example.vn", Roles.Viewer, null, DemoAccounts.Password))).Succeeded);
        var user = await app.Db().Users.SingleAsync(u => u.UserName == "email.user");
        var db = app.Db();
        db.Notifications.Add(new Notification { UserId = user.Id, CreatedAt = app.Clock.GetUtcNow(), Message = "Kết quả năm 2026 đã được chốt.", Link = "/years/2026/dashboard" });
        await db.SaveChangesAsync();

        Assert.Equal(0, await app.Get<NotificationMailer>().SendPendingAsync()); // no SMTP in the fixture's configuration
        var mailer = services.CreateScope().ServiceProvider.GetRequiredService<NotificationMailer>();
        var sent = await mailer.SendPendingAsync();
        var again = await services.CreateScope().ServiceProvider.GetRequiredService<NotificationMailer>().SendPendingAsync();

        Assert.Equal(1, sent);
        Assert.Equal(0, again);
        var raw = string.Join("\n", smtp.Messages);
        Assert.Contains("nguoinhan@example.vn", raw, StringComparison.Ordinal);
        Assert.Contains("https://cchc.example.vn/years/2026/dashboard", DecodeBody(raw), StringComparison.Ordinal);
    }

    private static string DecodeBody(string raw)
    {
        // The body is UTF-8, base64 or quoted-printable encoded by SmtpClient; try base64 blocks.
        var decoded = new StringBuilder(raw);
        foreach (var block in raw.Split("\n\n").Select(b => b.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal)))
        {
            try
            {
                decoded.Append(Encoding.UTF8.GetString(Convert.FromBase64String(block)));
            }
            catch (FormatException)
            {
            }
        }

        return decoded.ToString();
    }
}
