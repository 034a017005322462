using System.Security.Claims;
using ParIndex.Core.Accounts;

namespace ParIndex.Web.Infrastructure.Printing;

/// <summary>
/// The web application served on a free loopback port inside another process (the command line), so
/// that its pages can be printed to PDF exactly as the server prints them. Reads as an administrator
/// (published versions, or drafts when asked).
/// </summary>
public sealed class PrintHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PrintHost(WebApplication app) => _app = app;

    /// <summary>Starts the pages over <paramref name="connectionString"/>, with the web root found beside the program.</summary>
    public static async Task<PrintHost> StartAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        var root = AppContext.BaseDirectory;
        var app = ParIndexWebApp.Build(new WebApplicationOptions
        {
            ApplicationName = typeof(PrintHost).Assembly.GetName().Name, // the pages live in ParIndex.Web
            ContentRootPath = root,
            WebRootPath = WebRoot(root),
            EnvironmentName = "Production",
        }, builder =>
        {
            builder.Configuration["ConnectionStrings:ParIndex"] = connectionString;
            builder.Configuration["Logging:LogLevel:Default"] = "Warning";
            builder.Configuration["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "None";
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
        });
        await app.StartAsync(cancellationToken);
        return new PrintHost(app);
    }

    /// <summary>
    /// The pages' static files: copied beside the program by the command line's build; from a build
    /// tree (tests), the web project's own wwwroot above it.
    /// </summary>
    private static string WebRoot(string start)
    {
        static bool Complete(string folder) => File.Exists(Path.Combine(folder, "css", "site.css"));
        var beside = Path.Combine(start, "wwwroot");
        if (Complete(beside))
        {
            return beside;
        }

        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            var source = Path.Combine(folder.FullName, "src", "ParIndex.Web", "wwwroot");
            if (Complete(source))
            {
                return source;
            }
        }

        throw new PrintUnavailableException($"PDF: the pages' static files (wwwroot) are neither beside {start} nor in a source tree above it.");
    }

    /// <summary>Where the pages are served (loopback).</summary>
    public Uri Address => new(_app.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
        .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Prints one of the app's pages as the command line's administrator.</summary>
    public Task<byte[]> PrintAsync(string pathAndQuery, PrintLayout layout, CancellationToken cancellationToken = default) =>
        _app.Services.GetRequiredService<PdfPrinter>().PrintAsync(pathAndQuery, Administrator, layout, cancellationToken);

    /// <summary>Prints many of the app's pages as the command line's administrator (see <see cref="PdfPrinter.PrintManyAsync"/>).</summary>
    public Task PrintManyAsync(IReadOnlyList<PrintItem> items, Func<int, byte[], CancellationToken, Task> deliver, CancellationToken cancellationToken = default) =>
        _app.Services.GetRequiredService<PdfPrinter>().PrintManyAsync(items, Administrator, deliver, cancellationToken);

    /// <summary>The command line reads as an administrator (it is run by whoever runs the server).</summary>
    private static ClaimsPrincipal Administrator { get; } = new(new ClaimsIdentity(
    [
        new Claim(ClaimTypes.NameIdentifier, "0"),
        new Claim(ClaimTypes.Name, "parindex-cli"),
        new Claim(ClaimTypes.Role, Roles.Administrator),
    ], authenticationType: "cli"));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
