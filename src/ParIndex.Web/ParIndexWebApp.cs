using ParIndex.Core;
using ParIndex.Web.Features.Accounts;
using ParIndex.Web.Features.Assessments;
using ParIndex.Web.Features.Evidence;
using ParIndex.Web.Features.Exports;
using ParIndex.Web.Features.Frameworks;
using ParIndex.Web.Features.Notifications;
using ParIndex.Web.Features.Publication;
using ParIndex.Web.Features.Rankings;
using ParIndex.Web.Features.ScoreCards;
using ParIndex.Web.Features.Surveys;
using ParIndex.Web.Features.Units;
using ParIndex.Web.Features.Years;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web;

/// <summary>
/// The whole web application, built in one place: the server (Program) and the command line's print
/// host (which serves the same pages on loopback to print them) use it alike.
/// </summary>
public static class ParIndexWebApp
{
    /// <summary>Builds the app (services, pipeline, every page and endpoint); <paramref name="configure"/> may adjust the builder first.</summary>
    public static WebApplication Build(WebApplicationOptions options, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(options);
        configure?.Invoke(builder);
        var connectionString = builder.Configuration.GetConnectionString("ParIndex")
            ?? throw new InvalidOperationException(
                "No database configured: set ConnectionStrings__ParIndex, or start ParIndex with ./run.sh, which runs a private PostgreSQL.");

        builder.Services.AddParIndexCore(connectionString);
        builder.Services.AddParIndexWeb();

        var app = builder.Build();
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
        return app;
    }
}
