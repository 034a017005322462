using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Data;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>A test class's own database, migrated, with Core's services over it, seeded by the class once.</summary>
public abstract class MigratedStore : IAsyncLifetime
{
    protected TestDatabase Database { get; private set; } = null!;

    protected ServiceProvider Services { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services = Database.Services();
        await DatabaseMigrator.MigrateAsync(Services);
        await SeedAsync();
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
    }

    /// <summary>The class's data, written once before its tests.</summary>
    protected abstract Task SeedAsync();
}
