using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ParIndex.Core;
using ParIndex.Core.Data;

namespace ParIndex.Cli;

/// <summary>The Core services over the database named by <c>ConnectionStrings__ParIndex</c>, migrated; logs go to stderr.</summary>
internal static class CliServices
{
    public const string ConnectionVariable = "ConnectionStrings__ParIndex";

    /// <summary>The database's connection string, when set.</summary>
    public static string? ConnectionString => Environment.GetEnvironmentVariable(ConnectionVariable);

    /// <summary>The services, or null (after saying why on <paramref name="error"/>) when no database is named.</summary>
    public static async Task<ServiceProvider?> CreateAsync(TextWriter error, CancellationToken cancellationToken)
    {
        var connectionString = Environment.GetEnvironmentVariable(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await error.WriteLineAsync($"{ConnectionVariable} is not set: it names the PostgreSQL database to work on.");
            return null;
        }

        var services = new ServiceCollection()
            .AddLogging(b => b
                .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace) // stdout carries only the result
                .SetMinimumLevel(LogLevel.Warning)
                .AddFilter("Microsoft.EntityFrameworkCore.Database.Command", LogLevel.None)) // failures surface as exceptions
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddEnvironmentVariables().Build())
            .AddParIndexCore(connectionString);
        var provider = services.BuildServiceProvider();
        await DatabaseMigrator.MigrateAsync(provider, cancellationToken);
        return provider;
    }
}
