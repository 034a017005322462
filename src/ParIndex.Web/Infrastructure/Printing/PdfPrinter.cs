using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Playwright;

namespace ParIndex.Web.Infrastructure.Printing;

/// <summary>Where Chromium is and how many pages it prints at once.</summary>
public sealed class PdfOptions
{
    public const string Section = "ParIndex:Pdf";

    /// <summary>Debian's Chromium (no browser is downloaded).</summary>
    public string Chromium { get; set; } = "/usr/bin/chromium";

    /// <summary>Pages printed at the same time.</summary>
    public int Parallel { get; set; } = 2;

    /// <summary>The rate limiter policy of the PDF downloads.</summary>
    public const string RateLimitPolicy = "pdf";

    /// <summary>PDFs per minute from one address (each costs a second of a core): default 20.</summary>
    public int RequestsPerMinute { get; set; } = 20;
}

/// <summary>What a PDF has around its pages.</summary>
/// <param name="Footer">Text left of the page numbers (e.g. the decision), or null.</param>
/// <param name="Landscape">Landscape A4 (wide tables).</param>
public sealed record PrintLayout(string? Footer, bool Landscape);

/// <summary>Thrown when PDFs cannot be made here (no Chromium); the message says what to install.</summary>
public sealed class PrintUnavailableException(string message) : Exception(message);

/// <summary>
/// Prints the app's own pages to PDF with headless Chromium through Playwright: the page is loaded
/// from this server's loopback address with a print token standing for the person who asked, charts
/// are awaited, and Chromium writes A4 pages numbered "Trang n/N" with a Vietnamese font. One browser
/// for the app's lifetime, a fresh context per document.
/// </summary>
public sealed class PdfPrinter(IServer server, PrintTokens tokens, Microsoft.Extensions.Options.IOptions<PdfOptions> options) : IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly SemaphoreSlim _slots = new(Math.Max(1, options.Value.Parallel), Math.Max(1, options.Value.Parallel));
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Prints <paramref name="pathAndQuery"/> (e.g. "/print/2025/ranking?version=1") as <paramref name="user"/>.</summary>
    public async Task<byte[]> PrintAsync(string pathAndQuery, System.Security.Claims.ClaimsPrincipal user, PrintLayout layout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var browser = await BrowserAsync();
        await _slots.WaitAsync(cancellationToken);
        var token = tokens.Issue(user);
        try
        {
            await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
            {
                ExtraHTTPHeaders = new Dictionary<string, string> { [PrintTokens.Header] = token },
                Locale = "vi-VN",
                TimezoneId = "Asia/Ho_Chi_Minh",
            });
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(new Uri(BaseAddress(), pathAndQuery).ToString(),
                new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle, Timeout = 60_000 });
            if (response is null || !response.Ok)
            {
                throw new InvalidOperationException($"Printing {pathAndQuery}: the page answered {response?.Status}.");
            }

            // The page is loaded (network idle): its charts are drawn, or it has none. Anything else is a broken page, said at once.
            var ready = await page.EvaluateAsync<bool>(
                "() => (document.getElementById('chart-data') === null && document.getElementById('histogram-data') === null) || window.parindexChartsReady === true");
            if (!ready)
            {
                throw new InvalidOperationException($"Printing {pathAndQuery}: the charts did not draw (is /lib/chart.js/chart.umd.min.js served?).");
            }

            var footer = System.Net.WebUtility.HtmlEncode(layout.Footer ?? "");
            return await page.PdfAsync(new PagePdfOptions
            {
                Format = "A4",
                Landscape = layout.Landscape,
                PrintBackground = true,
                DisplayHeaderFooter = true,
                HeaderTemplate = "<span></span>",
                FooterTemplate = "<div style=\"font-family:'Noto Sans','DejaVu Sans',sans-serif;font-size:8px;width:100%;padding:0 12mm;display:flex;justify-content:space-between\">" +
                    $"<span>{footer}</span><span>Trang <span class=\"pageNumber\"></span>/<span class=\"totalPages\"></span></span></div>",
                Margin = new Margin { Top = "12mm", Bottom = "16mm", Left = "12mm", Right = "12mm" },
            });
        }
        finally
        {
            tokens.Revoke(token);
            _slots.Release();
        }
    }

    private Uri BaseAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new PrintUnavailableException("PDF: this server has no HTTP address to print its pages from.");
        return new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)
            .Replace("localhost", "127.0.0.1", StringComparison.Ordinal).Replace("+", "127.0.0.1", StringComparison.Ordinal).Replace("*", "127.0.0.1", StringComparison.Ordinal));
    }

    private async Task<IBrowser> BrowserAsync()
    {
        if (_browser is { IsConnected: true } ready)
        {
            return ready;
        }

        await _start.WaitAsync();
        try
        {
            if (_browser is { IsConnected: true } started)
            {
                return started;
            }

            var path = options.Value.Chromium;
            if (!File.Exists(path))
            {
                throw new PrintUnavailableException(Core.Messages.Get("PdfNeedsChromium", path));
            }

            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = path,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--font-render-hinting=none"],
            });
            return _browser;
        }
        finally
        {
            _start.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        _start.Dispose();
        _slots.Dispose();
    }
}
