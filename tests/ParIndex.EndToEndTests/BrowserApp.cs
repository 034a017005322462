using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParIndex.Tests;

namespace ParIndex.EndToEndTests;

/// <summary>
/// ParIndex in demo mode on a real Kestrel port over its own PostgreSQL database, and a headless
/// Debian Chromium (never a downloaded browser) driven by Playwright.
/// </summary>
public sealed class BrowserApp : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _evidence = Directory.CreateTempSubdirectory("parindex-evidence-").FullName;
    private TestDatabase _database = null!;
    private WebApplicationFactory<Program> _factory = null!;
    private IPlaywright _playwright = null!;
    private string _profile = null!;

    public IBrowserContext Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The app's services (to read what a step stored, e.g. the audit trail).</summary>
    public IServiceProvider Services => _factory.Services;

    /// <summary>Where screenshots go: TestResults/screenshots beside the test assembly.</summary>
    public static string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: ./test.sh installs Debian's chromium package.");
        }

        _database = await TestDatabase.CreateAsync();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:ParIndex", _database.ConnectionString);
            builder.UseSetting("ParIndex:Demo", "true");
            builder.UseSetting("ParIndex:SignIn:AttemptsPerMinute", "100000"); // the suite signs in hundreds of times a minute from one address
            builder.UseSetting("ParIndex:Evidence:Directory", _evidence);
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0"); // a free port: test classes run side by side
        });
        _factory.UseKestrel();
        _factory.StartServer();
        var address = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));

        _playwright = await Playwright.CreateAsync();
        _profile = Directory.CreateTempSubdirectory("parindex-chromium-").FullName;
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
        await _factory.DisposeAsync();
        await _database.DisposeAsync();
        Directory.Delete(_evidence, recursive: true);
        Directory.Delete(_profile, recursive: true);
    }
}
