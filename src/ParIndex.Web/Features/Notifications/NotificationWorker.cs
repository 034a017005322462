using ParIndex.Core.Notifications;

namespace ParIndex.Web.Features.Notifications;

/// <summary>
/// In the background: deadline reminders (three days and one day ahead) and, when SMTP is configured,
/// e-mail copies of notifications. Runs at start and then every few minutes (ParIndex:Notifications:IntervalMinutes, default 15).
/// </summary>
public sealed class NotificationWorker(IServiceScopeFactory scopes, IConfiguration configuration, TimeProvider clock, ILogger<NotificationWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("ParIndex:Notifications:IntervalMinutes", 15)));
        using var timer = new PeriodicTimer(interval, clock);
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var reminded = await scope.ServiceProvider.GetRequiredService<DeadlineReminders>().RunAsync(stoppingToken);
                var mailed = await scope.ServiceProvider.GetRequiredService<NotificationMailer>().SendPendingAsync(stoppingToken);
                if (reminded + mailed > 0)
                {
                    logger.LogInformation("Deadline reminders: {Reminded}; e-mails sent: {Mailed}", reminded, mailed);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Notification run failed; retrying at the next interval");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
