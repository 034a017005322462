using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ParIndex.Core.Data;

/// <summary>
/// Applies the ordered migrations at start-up. EF Core's own lock on its history table is taken per
/// migration transaction, so with several pending migrations two instances starting together could
/// interleave; the whole run is therefore serialised by a session-level PostgreSQL advisory lock held
/// on the migrating connection (see docs/adr/0002-hand-written-sql-migrations-on-efs-migrator.md).
/// </summary>
public static class DatabaseMigrator
{
    // Any constant, distinct from the demo seeder's.
    private const long AdvisoryLockKey = 0x5041_5249_4D49_4752;

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
            // On an empty database EF reads its history table before creating it and logs that read as a
            // failed command (dotnet/efcore#37328), so a normal first start would log a failure: create
            // the table first with EF's own script (CREATE TABLE IF NOT EXISTS).
            var history = db.GetService<IHistoryRepository>();
#pragma warning disable EF1002 // EF's own DDL, no user input
            await db.Database.ExecuteSqlRawAsync(history.GetCreateIfNotExistsScript(), cancellationToken);
#pragma warning restore EF1002
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({AdvisoryLockKey})", CancellationToken.None);
            await db.Database.CloseConnectionAsync();
        }

        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        logger.LogInformation("Database schema at {Migration} ({Count} migrations applied)", applied.LastOrDefault(), applied.Count);
    }
}
