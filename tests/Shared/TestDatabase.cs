using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ParIndex.Core;
using ParIndex.Core.Data;

namespace ParIndex.Tests;

/// <summary>
/// A fresh, empty database on the real PostgreSQL server that ./test.sh starts (its admin connection
/// string is in PARINDEX_TEST_DATABASE); dropped when disposed. Never a mock or an in-memory provider.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static Task<TestDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable("PARINDEX_TEST_DATABASE");
        if (string.IsNullOrWhiteSpace(admin))
        {
            throw new InvalidOperationException(
                "PARINDEX_TEST_DATABASE is not set: run the tests with ./test.sh, which starts a throwaway PostgreSQL server.");
        }

        return CreateAsync(admin);
    }

    /// <summary>A new database on the server <paramref name="admin"/> connects to (e.g. a <see cref="PrivatePostgres"/>).</summary>
    public static async Task<TestDatabase> CreateAsync(string admin)
    {

        var database = new TestDatabase(admin, $"parindex_test_{Guid.NewGuid():N}");
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{database.Name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return database;
    }

    /// <summary>A context on this database (the caller disposes it).</summary>
    public ParIndexDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<ParIndexDbContext>();
        ServiceCollectionExtensions.ConfigureDbContext(options, ConnectionString);
        return new ParIndexDbContext(options.Options);
    }

    /// <summary>
    /// The Core services over this database, as Web and Cli register them; <paramref name="settings"/>
    /// become configuration (e.g. "ParIndex:Evidence:Directory"), <paramref name="configure"/> may
    /// replace services (e.g. a fake TimeProvider). The caller disposes the provider.
    /// </summary>
    public ServiceProvider Services(IDictionary<string, string?>? settings = null, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build())
            .AddParIndexCore(ConnectionString);
        configure?.Invoke(services);
        return services.BuildServiceProvider();
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
