using Microsoft.EntityFrameworkCore;
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
        // On an empty database EF logs one spurious "Failed executing DbCommand" while it looks for its
        // history table (dotnet/efcore#37328); the migration itself succeeds.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({AdvisoryLockKey})", cancellationToken);
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
