using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Tests;

namespace ParIndex.Cli.Tests;

/// <summary>A migrated database with the demo province seeded, for the commands to run against (the caller disposes it).</summary>
public static class DemoDatabases
{
    /// <param name="server">A server's admin connection string (a <see cref="PrivatePostgres"/>); null for the test server.</param>
    public static async Task<TestDatabase> CreateAsync(string? server = null)
    {
        var database = server is null ? await TestDatabase.CreateAsync() : await TestDatabase.CreateAsync(server);
        await using var services = database.Services();
        await DatabaseMigrator.MigrateAsync(services);
        await services.CreateScope().ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
        return database;
    }
}
