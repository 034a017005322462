using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ParIndex.Core.Data;

/// <summary>
/// Applies the ordered migrations at start-up. EF Core (9+) with Npgsql runs them in one transaction
/// holding <c>LOCK TABLE "__EFMigrationsHistory" IN ACCESS EXCLUSIVE MODE</c>, so two instances
/// starting together apply each migration once (see docs/adr/0002-hand-written-sql-migrations-on-efs-migrator.md).
/// </summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseMigrator));
        // On an empty database EF logs one spurious "Failed executing DbCommand" while it looks for its
        // history table (dotnet/efcore#37328); the migration itself succeeds.
        await db.Database.MigrateAsync(cancellationToken);
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToList();
        logger.LogInformation("Database schema at {Migration} ({Count} migrations applied)", applied.LastOrDefault(), applied.Count);
    }
}
