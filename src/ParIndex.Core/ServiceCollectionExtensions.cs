using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Identity;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Evidence;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Surveys;
using ParIndex.Core.Units;
using ParIndex.Core.Notifications;
using ParIndex.Core.Years;
using ParIndex.Core.Demo;
using ParIndex.Core.Results;

namespace ParIndex.Core;

public static class ServiceCollectionExtensions
{
    /// <summary>Registers the store and the services that Web and Cli share.</summary>
    public static IServiceCollection AddParIndexCore(this IServiceCollection services, string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        services.AddDbContext<ParIndexDbContext>(options => ConfigureDbContext(options, connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<ResultsService>();
        services.AddScoped<RankingService>();
        services.AddScoped<ResultsImportService>();
        services.AddScoped<UnitScoreCardService>();
        services.AddMemoryCache();
        services.AddScoped<Publishing.PublicationService>();
        services.AddSingleton<Publishing.PublishedGeneration>();
        services.AddScoped<Publishing.ResultsReader>();
        services.AddScoped<Publishing.UnitAnalysisService>();
        services.AddScoped<Publishing.AreaLinkService>();
        services.AddScoped<Reports.ExcelExports>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<AuditLog>();
        services.AddScoped<Notifier>();
        services.AddScoped<DeadlineReminders>();
        services.AddScoped<NotificationMailer>();
        services.AddOptions<SmtpOptions>().BindConfiguration("ParIndex:Smtp");
        services.AddScoped<AssessmentService>();
        services.AddScoped<EvidenceService>();
        services.AddScoped<AccountService>();
        services.AddScoped<YearAdminService>();
        services.AddScoped<FrameworkAdminService>();
        services.AddScoped<UnitAdminService>();
        services.AddScoped<SurveyAdminService>();
        services.AddScoped<SurveyScoringService>();
        services.AddScoped<SurveyImportService>();
        services.AddScoped<SurveyStatsService>();
        services.AddScoped<SurveyFormService>();
        services.AddOptions<EvidenceOptions>().BindConfiguration("ParIndex:Evidence");
        services.AddIdentityCore<ParIndexUser>(AccountService.ConfigureIdentity)
            .AddRoles<IdentityRole<int>>()
            .AddEntityFrameworkStores<ParIndexDbContext>();
        return services;
    }

    /// <summary>
    /// Npgsql with the hand-written SQL migrations. There is no model snapshot (no EF design tools
    /// here), so EF's pending-model-changes check is switched off; a test compares model and schema.
    /// </summary>
    public static void ConfigureDbContext(DbContextOptionsBuilder options, string connectionString) =>
        options
            .UseNpgsql(WithPoolLimits(connectionString), npgsql => npgsql.MigrationsAssembly(typeof(ParIndexDbContext).Assembly.GetName().Name))
            .ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

    /// <summary>Connections one process opens at most, unless the connection string says otherwise.</summary>
    public const int DefaultMaxPoolSize = 40;

    /// <summary>
    /// Explicit pool limits, well below PostgreSQL's usual 100 connections: a burst of requests waits for
    /// a connection of its process (and answers 503 if none comes in time) instead of taking every slot
    /// of the server, so psql, the command line and a second instance still connect; idle connections
    /// are closed after a minute, not five. What the connection string sets itself is kept.
    /// </summary>
    public static string WithPoolLimits(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!new[] { "Maximum Pool Size", "Max Pool Size", "MaxPoolSize" }.Any(given.ContainsKey))
        {
            builder.MaxPoolSize = DefaultMaxPoolSize;
        }

        if (!new[] { "Connection Idle Lifetime", "ConnectionIdleLifetime" }.Any(given.ContainsKey))
        {
            builder.ConnectionIdleLifetime = 60;
        }

        return builder.ConnectionString;
    }
}
