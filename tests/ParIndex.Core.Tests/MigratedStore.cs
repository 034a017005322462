using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Data;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>
/// A database of its own, migrated, with Core's services over it, seeded once: before each test of a
/// test class that derives from it (xUnit makes one instance per test), or once for the class as a fixture.
/// </summary>
public abstract class MigratedStore : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

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

    /// <summary>The store's data, written once after the migrations.</summary>
    protected abstract Task SeedAsync();
}
