using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Core.Years;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>
/// The demo province on a real PostgreSQL database with a fake clock, and a new year opened from the
/// demo year with a fixed calendar: self-assessment in January 2027, round 1 in February, explanation
/// in March, round 2 in April, finalisation from May.
/// </summary>
public sealed class WorkflowFixture : IAsyncLifetime
{
    public const int Year = DemoSeeder.CurrentYear + 1;

    public static readonly DateTimeOffset SelfOpens = new(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset FirstRoundOpens = new(2027, 2, 1, 0, 0, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset ExplanationOpens = new(2027, 3, 1, 0, 0, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset SecondRoundOpens = new(2027, 4, 1, 0, 0, 0, TimeSpan.FromHours(7));
    public static readonly DateTimeOffset FinalisationOpens = new(2027, 5, 1, 0, 0, 0, TimeSpan.FromHours(7));

    public TestDatabase Database { get; private set; } = null!;

    public ServiceProvider Services { get; private set; } = null!;

    public FakeClock Clock { get; } = new(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));

    public string EvidenceDirectory { get; } = Directory.CreateTempSubdirectory("parindex-evidence-").FullName;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        Services = Database.Services(
            new Dictionary<string, string?> { ["ParIndex:Evidence:Directory"] = EvidenceDirectory, ["ParIndex:Evidence:MaxBytes"] = "200000" },
            s => s.AddSingleton<TimeProvider>(Clock));
        await DatabaseMigrator.MigrateAsync(Services);
        await Get<DemoSeeder>().SeedAsync();
        var admin = await ActorAsync("quantri");
        var created = await Get<YearAdminService>().CreateFromPreviousAsync(admin, Year, null);
        Assert.True(created.Succeeded, created.Message);
        var calendar = await Get<YearAdminService>().SetCalendarAsync(admin, Year,
            [SelfOpens, FirstRoundOpens, ExplanationOpens, SecondRoundOpens, FinalisationOpens], "test calendar");
        Assert.True(calendar.Succeeded, calendar.Message);
    }

    public async Task DisposeAsync()
    {
        await Services.DisposeAsync();
        await Database.DisposeAsync();
        Directory.Delete(EvidenceDirectory, recursive: true);
    }

    /// <summary>A service in a scope of its own (a fresh DbContext, like one web request).</summary>
    public T Get<T>() where T : notnull => Services.CreateScope().ServiceProvider.GetRequiredService<T>();

    public ParIndexDbContext Db() => Get<ParIndexDbContext>();

    public async Task<Actor> ActorAsync(string userName)
    {
        var db = Db();
        var user = await db.Users.SingleAsync(u => u.UserName == userName);
        var role = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == user.Id select r.Name).SingleAsync();
        return new Actor(user.Id, userName, role!, user.UnitId);
    }

    /// <summary>A reporter and a head for a unit (created once per unit).</summary>
    public async Task<(Actor Reporter, Actor Head)> UnitStaffAsync(string unitCode)
    {
        var accounts = Get<AccountService>();
        var reporter = $"nhaplieu.{unitCode.ToLowerInvariant()}";
        var head = $"thutruong.{unitCode.ToLowerInvariant()}";
        if (!await Db().Users.AnyAsync(u => u.UserName == reporter))
        {
            Assert.True((await accounts.CreateAsync(null, new NewAccount(reporter, "Cán bộ " + unitCode, null, Roles.Reporter, unitCode, DemoAccounts.Password))).Succeeded);
            Assert.True((await accounts.CreateAsync(null, new NewAccount(head, "Thủ trưởng " + unitCode, null, Roles.UnitHead, unitCode, DemoAccounts.Password))).Succeeded);
        }

        return (await ActorAsync(reporter), await ActorAsync(head));
    }
}
