using ParIndex.Core;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Web.Features.Accounts;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Evidence;
using ParIndex.Web.Features.Frameworks;
using ParIndex.Web.Features.Notifications;
using ParIndex.Web.Features.Rankings;
using ParIndex.Web.Features.ScoreCards;
using ParIndex.Web.Features.Surveys;
using ParIndex.Web.Features.Publication;
using ParIndex.Web.Features.Exports;
using ParIndex.Web.Features.Units;
using ParIndex.Web.Features.Years;
using ParIndex.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
var connectionString = builder.Configuration.GetConnectionString("ParIndex")
    ?? throw new InvalidOperationException(
        "No database configured: set ConnectionStrings__ParIndex, or start ParIndex with ./run.sh, which runs a private PostgreSQL.");

builder.Services.AddParIndexCore(connectionString);
builder.Services.AddParIndexWeb();

var app = builder.Build();

await DatabaseMigrator.MigrateAsync(app.Services);
if (app.Configuration.GetValue<bool>("ParIndex:Demo"))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
    app.Logger.LogWarning("Demo mode. Accounts (password {Password}): {Accounts}", DemoAccounts.Password,
        string.Join(", ", DemoAccounts.All.Select(a => $"{a.UserName} ({a.Role})")));
}

app.UseParIndexWeb();
app.MapRankingsApi();
app.MapScoreCardsApi();
app.MapAccountsApi();
app.MapYearsApi();
app.MapAssessmentsApi();
app.MapEvidenceApi();
app.MapNotificationsApi();
app.MapFrameworksApi();
app.MapUnitsApi();
app.MapSurveysApi();
app.MapPublicationApi();
app.MapExportsApi();

app.Run();

/// <summary>The web host's entry point (public for the test host).</summary>
public partial class Program;
