using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Npgsql;
using ParIndex.Tests;

namespace ParIndex.Web.Tests;

/// <summary>
/// A burst of 200 concurrent requests takes at most the app's pool of connections, not every slot of
/// the server: another client (as psql) still connects, and no request fails with a 500 (issue 12:
/// after a burst the app held every PostgreSQL slot for ~300 s). The app here pools its connections
/// as in production (the other tests' apps do not, so that their databases drop at once).
/// </summary>
public sealed class ConnectionLimitTests
{
    [Fact]
    public async Task ABurstOf200Requests_LeavesTheServerRoom_AndNoRequestFails()
    {
        await using var database = await TestDatabase.CreateAsync();
        var pooled = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Pooling = true }.ConnectionString;
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:ParIndex", pooled);
            builder.UseSetting("ParIndex:Demo", "true");
            builder.UseSetting("ParIndex:Evidence:Directory", Path.Combine(Path.GetTempPath(), "parindex-evidence-" + Guid.NewGuid().ToString("N")));
        });
        using var viewer = await SignedInClients.BearerAsync(factory, "lanhdao");

        var burst = Enumerable.Range(0, 200).Select(async i =>
        {
            using var response = await viewer.GetAsync(i % 2 == 0 ? "/api/me" : $"/api/years/{Core.Demo.DemoSeeder.CurrentYear}/units");
            return response.StatusCode;
        });
        var statuses = await Task.WhenAll(burst);

        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"{(int)s}"));
        var server = new NpgsqlConnectionStringBuilder(database.ConnectionString) { Database = "postgres", Pooling = false };
        await using var psql = new NpgsqlConnection(server.ConnectionString);
        await psql.OpenAsync(); // like psql after the burst
        // Client connections only: an autovacuum worker tidying up after the demo's seed is the server's own.
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE datname = @name AND backend_type = 'client backend'", psql);
        count.Parameters.AddWithValue("name", database.Name);
        var held = (long)(await count.ExecuteScalarAsync())!;
        Assert.InRange(held, 1, Core.ServiceCollectionExtensions.DefaultMaxPoolSize);

        // And psql itself, the administrator's way in.
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("psql",
            ["-h", server.Host!, "-U", server.Username!, "-d", database.Name, "-tAc", "SELECT 'psql connects'"])
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal((0, "psql connects"), (process.ExitCode, output.Trim()));
    }

    [Fact]
    public void PoolLimits_AreSetUnlessTheConnectionStringSaysOtherwise()
    {
        var set = new NpgsqlConnectionStringBuilder(Core.ServiceCollectionExtensions.WithPoolLimits("Host=/tmp;Username=u;Database=d"));
        var kept = new NpgsqlConnectionStringBuilder(Core.ServiceCollectionExtensions.WithPoolLimits("Host=/tmp;Username=u;Database=d;Maximum Pool Size=7"));

        Assert.Equal(Core.ServiceCollectionExtensions.DefaultMaxPoolSize, set.MaxPoolSize);
        Assert.Equal(60, set.ConnectionIdleLifetime);
        Assert.Equal(7, kept.MaxPoolSize);
    }
}
