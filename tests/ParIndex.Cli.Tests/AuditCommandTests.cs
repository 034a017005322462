using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Tests;

namespace ParIndex.Cli.Tests;

/// <summary>
/// <c>parindex audit verify</c> on a copy of the demo database: 0 while intact, 1 naming the first entry
/// after an UPDATE, a DELETE or an INSERT made by hand in SQL (issue 12's "done when").
/// </summary>
[Collection(DatabaseEnvironment.Name)]
public sealed class AuditCommandTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await DemoDatabases.CreateAsync();

        Environment.SetEnvironmentVariable(CliServices.ConnectionVariable, _database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(CliServices.ConnectionVariable, null);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Verify_IntactDemo_Exits0_AndEachHandMadeChange_Exits1NamingTheEntry()
    {
        var intact = await RunAsync("audit", "verify");
        Assert.Equal(0, intact.Exit);
        Assert.StartsWith("Nhật ký kiểm toán nguyên vẹn:", intact.Output, StringComparison.Ordinal);

        long id, sequence, head;
        await using (var db = _database.CreateContext())
        {
            var entry = await db.AuditEntries.OrderBy(e => e.Sequence).Skip(10).Select(e => new { e.Id, e.Sequence }).FirstAsync();
            (id, sequence) = (entry.Id, entry.Sequence);
            head = await db.AuditEntries.MaxAsync(e => e.Sequence);
        }

        // Each change on its own copy of the state: UPDATE, then DELETE, then INSERT, checked one after the other.
        await SqlAsync($"UPDATE audit_entries SET reason = 'không có gì' WHERE id = {id}");
        var updated = await RunAsync("audit", "verify");
        await SqlAsync($"DELETE FROM audit_entries WHERE id = {id}");
        var deleted = await RunAsync("audit", "verify");

        Assert.Equal(AuditExit, updated.Exit);
        Assert.Contains(Messages.Get("AuditChainChanged", id, sequence), updated.Error, StringComparison.Ordinal);
        Assert.Equal(AuditExit, deleted.Exit);
        Assert.Contains(Messages.Get("AuditChainRemoved", sequence, sequence), deleted.Error, StringComparison.Ordinal);
        Assert.Empty(updated.Output);

        await using var fresh = await DemoDatabases.CreateAsync();

        Environment.SetEnvironmentVariable(CliServices.ConnectionVariable, fresh.ConnectionString);
        await using (var db = fresh.CreateContext())
        {
            head = await db.AuditEntries.MaxAsync(e => e.Sequence);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO audit_entries (sequence, hash, at, user_name, subject, new_value)
                VALUES ({head + 1}, sha256('giả'::bytea), now(), 'quantri', 'score', '10')
                """);
        }

        var inserted = await RunAsync("audit", "verify");
        Assert.Equal(AuditExit, inserted.Exit);
        Assert.Contains($"(vị trí {head + 1})", inserted.Error, StringComparison.Ordinal);
    }

    private const int AuditExit = 1;

    private async Task SqlAsync(string sql)
    {
        await using var db = _database.CreateContext();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var input = new StringReader("");
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await CliApp.RunAsync(args, input, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
