using Microsoft.EntityFrameworkCore;
using Npgsql;
using ParIndex.Core.Data;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

public sealed class SchemaTests
{
    [Fact]
    public async Task Migrate_EmptyDatabase_BuildsTheWholeSchema()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();

        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        var applied = await db.Database.GetAppliedMigrationsAsync();
        Assert.Equal(db.Database.GetMigrations(), applied);
    }

    [Fact]
    public async Task Migrate_TwoInstancesAtOnce_ApplyEachMigrationOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var first = database.Services();
        await using var second = database.Services();

        await Task.WhenAll(DatabaseMigrator.MigrateAsync(first), DatabaseMigrator.MigrateAsync(second));

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM \"__EFMigrationsHistory\"", connection);
        await using var db = database.CreateContext();
        Assert.Equal((long)db.Database.GetMigrations().Count(), (long)(await count.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task Model_EveryMappedColumn_ExistsInTheMigratedSchema()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();

        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        var columns = new HashSet<(string, string)>();
        await using (var command = new NpgsqlCommand(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'", connection))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                columns.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        var missing = db.Model.GetEntityTypes()
            .SelectMany(e => e.GetProperties().Select(p => ((e.GetTableName() ?? e.GetViewName())!, p.GetColumnName())))
            .Where(c => !columns.Contains(c))
            .ToList();
        Assert.Empty(missing);
    }
}
