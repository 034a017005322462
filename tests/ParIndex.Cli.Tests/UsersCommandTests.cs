using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ParIndex.Tests;

namespace ParIndex.Cli.Tests;

/// <summary><c>parindex users</c> against a real PostgreSQL database: the first administrator of a new installation.</summary>
[Collection(DatabaseEnvironment.Name)]
public sealed class UsersCommandTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Environment.SetEnvironmentVariable(ImportResultsCommand.ConnectionVariable, _database.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable(ImportResultsCommand.ConnectionVariable, null);
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Users_AddTheFirstAdministrator_ListDisableEnable_AllAudited()
    {
        var weak = await RunAsync("short\n", "users", "add", "quantri", "--name", "Nguyễn Văn An", "--role", "administrator");
        var added = await RunAsync("Quantri2026x\n", "users", "add", "quantri", "--name", "Nguyễn Văn An", "--role", "administrator");
        var reporterWithoutUnit = await RunAsync("Baocao2026xx\n", "users", "add", "baocao", "--name", "Trần Thị Bình", "--role", "reporter");
        var lastAdministrator = await RunAsync("", "users", "disable", "quantri", "--reason", "Chuyển công tác");
        var second = await RunAsync("Quantri2027y\n", "users", "add", "quantri2", "--name", "Đỗ Văn Hai", "--role", "administrator");
        var disabled = await RunAsync("", "users", "disable", "quantri", "--reason", "Chuyển công tác");
        var list = await RunAsync("", "users", "list");
        var enabled = await RunAsync("", "users", "enable", "quantri", "--reason", "Trở lại");
        var unknown = await RunAsync("", "users", "disable", "nobody", "--reason", "x");

        Assert.Equal(2, weak.Exit);
        Assert.Contains("password: Mật khẩu phải có ít nhất 10 ký tự", weak.Error, StringComparison.Ordinal);
        Assert.Equal((0, "Created quantri (administrator).\n"), (added.Exit, added.Output.ReplaceLineEndings("\n")));
        Assert.Equal(2, reporterWithoutUnit.Exit);
        Assert.Contains("unitCode:", reporterWithoutUnit.Error, StringComparison.Ordinal);
        Assert.Equal(2, lastAdministrator.Exit); // never the last active administrator
        Assert.Contains("quản trị viên cuối cùng", lastAdministrator.Error, StringComparison.Ordinal);
        Assert.Equal(0, second.Exit);
        Assert.Equal(0, disabled.Exit);
        Assert.Contains("quantri,\"Nguyễn Văn An\",administrator,,disabled", list.Output, StringComparison.Ordinal);
        Assert.Equal(0, enabled.Exit);
        Assert.Equal(2, unknown.Exit);
        await using var db = _database.CreateContext();
        Assert.Equal(4, await db.AuditEntries.CountAsync(a => a.Subject == "account"));
        Assert.Equal("Chuyển công tác", (await db.AuditEntries.Where(a => a.Subject == "account").OrderBy(a => a.Id).Skip(2).FirstAsync()).Reason);
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await CliApp.RunAsync(args, input, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
