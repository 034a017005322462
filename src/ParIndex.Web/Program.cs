using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Web;

var app = ParIndexWebApp.Build(new WebApplicationOptions { Args = args });

await DatabaseMigrator.MigrateAsync(app.Services);
if (app.Configuration.GetValue<bool>("ParIndex:Demo"))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    app.Logger.LogWarning("Demo mode. Accounts (password {Password}): {Accounts}", DemoAccounts.Password,
        string.Join(", ", DemoAccounts.All.Select(a => $"{a.UserName} ({a.Role})")));
}

app.Run();

/// <summary>The web host's entry point (public for the test host).</summary>
public partial class Program;
