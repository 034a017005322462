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

/// <summary>One document of a batch: the page to print and what it has around its pages.</summary>
/// <param name="PathAndQuery">The app's page, e.g. "/units/SO01?year=2025&amp;print=true&amp;version=1".</param>
/// <param name="Layout">Footer and orientation.</param>
public sealed record PrintItem(string PathAndQuery, PrintLayout Layout);

/// <summary>Thrown when PDFs cannot be made here (no Chromium); the message says what to install.</summary>
public sealed class PrintUnavailableException(string message) : Exception(message);

/// <summary>
/// Prints the app's own pages to PDF with headless Chromium through Playwright: the page is loaded
/// from this server's loopback address with a print token standing for the person who asked, charts
/// are awaited, and Chromium writes A4 pages numbered "Trang n/N" with a Vietnamese font. One browser
/// for the app's lifetime, a fresh context per document; a batch (a bloc's score cards) shares one
/// context and keeps its tabs: each next page is fetched into the tab already loaded, so styles and
/// scripts are parsed once per tab, not once per document (about 8 times faster, docs/benchmarks.md).
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
            await LoadAsync(page, pathAndQuery);
            await CheckChartsAsync(page, pathAndQuery);
            return await page.PdfAsync(PdfOptionsOf(layout));
        }
        finally
        {
            tokens.Revoke(token);
            _slots.Release();
        }
    }

    /// <summary>
    /// Prints every item as <paramref name="user"/>, in <see cref="PdfOptions.Parallel"/> tabs of one
    /// context, and hands each PDF to <paramref name="deliver"/> with its index as soon as it is made
    /// (in any order; at most one PDF per tab is held in memory). A tab loads its first page, then
    /// swaps each next page's body in (same styles, same scripts) and redraws its charts.
    /// </summary>
    public async Task PrintManyAsync(IReadOnlyList<PrintItem> items, System.Security.Claims.ClaimsPrincipal user,
        Func<int, byte[], CancellationToken, Task> deliver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(deliver);
        if (items.Count == 0)
        {
            return;
        }

        var browser = await BrowserAsync();
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { Locale = "vi-VN", TimezoneId = "Asia/Ho_Chi_Minh" });
        var next = -1;
        using var failed = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task TabAsync()
        {
            var page = await context.NewPageAsync();
            var loaded = false;
            var printed = 0;
            while (Interlocked.Increment(ref next) is var index && index < items.Count)
            {
                if (printed > 0 && printed % RecycleAfter == 0)
                {
                    loaded = false; // a tab's memory grows a little with each page swapped in: it starts afresh now and then
                }

                printed++;
                failed.Token.ThrowIfCancellationRequested();
                var item = items[index];
                byte[] pdf;
                await _slots.WaitAsync(failed.Token);
                var token = tokens.Issue(user);
                try
                {
                    if (loaded)
                    {
                        var status = await page.EvaluateAsync<int>(SwapScript, new Dictionary<string, string>
                        {
                            ["url"] = item.PathAndQuery, ["header"] = PrintTokens.Header, ["token"] = token,
                        });
                        if (status != 200)
                        {
                            throw new InvalidOperationException($"Printing {item.PathAndQuery}: the page answered {status}.");
                        }
                    }
                    else
                    {
                        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { [PrintTokens.Header] = token });
                        await LoadAsync(page, item.PathAndQuery);
                        await page.SetExtraHTTPHeadersAsync(new Dictionary<string, string>()); // later pages carry their own token
                        loaded = true;
                    }

                    await CheckChartsAsync(page, item.PathAndQuery);
                    pdf = await page.PdfAsync(PdfOptionsOf(item.Layout));
                }
                catch
                {
                    await failed.CancelAsync(); // one broken page stops the batch: the other tabs stop too
                    throw;
                }
                finally
                {
                    tokens.Revoke(token);
                    _slots.Release();
                }

                await deliver(index, pdf, failed.Token);
            }
        }

        var tabs = Enumerable.Range(0, Math.Min(items.Count, Math.Max(1, options.Value.Parallel))).Select(_ => TabAsync()).ToList();
        try
        {
            await Task.WhenAll(tabs);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A tab was stopped because another failed: that failure is the one to report.
            throw tabs.Select(t => t.Exception?.InnerException).FirstOrDefault(e => e is not null and not OperationCanceledException) ?? throw new InvalidOperationException("Printing stopped.");
        }
    }

    /// <summary>Pages a batch's tab prints by swapping before it loads a page afresh (bounds its memory).</summary>
    private const int RecycleAfter = 500;

    /// <summary>
    /// Fetches the next page (with its own print token) into the loaded tab: its body replaces the
    /// current one, its charts are drawn, fonts and images awaited. Answers the HTTP status.
    /// </summary>
    private const string SwapScript = """
        async ({ url, header, token }) => {
            window.parindexChartsReady = false;
            const response = await fetch(url, { headers: { [header]: token }, credentials: "omit", cache: "no-store" });
            if (!response.ok) { return response.status; }
            const next = new DOMParser().parseFromString(await response.text(), "text/html");
            document.title = next.title;
            document.body.replaceWith(document.adoptNode(next.body));
            if (typeof window.parindexDrawCharts === "function") { window.parindexDrawCharts(); } else { window.parindexChartsReady = true; }
            await document.fonts.ready;
            await Promise.all(Array.from(document.images).filter(i => !i.complete).map(i => new Promise(done => { i.onload = i.onerror = done; })));
            return 200;
        }
        """;

    /// <summary>Loads a page: its scripts have run (charts drawn) once the load event has fired; no waiting for network quiet.</summary>
    private async Task LoadAsync(IPage page, string pathAndQuery)
    {
        var response = await page.GotoAsync(new Uri(BaseAddress(), pathAndQuery).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.Load, Timeout = 60_000 });
        if (response is null || !response.Ok)
        {
            throw new InvalidOperationException($"Printing {pathAndQuery}: the page answered {response?.Status}.");
        }

        await page.EvaluateAsync("() => document.fonts.ready.then(() => true)");
    }

    /// <summary>The page is loaded: its charts are drawn, or it has none. Anything else is a broken page, said at once.</summary>
    private static async Task CheckChartsAsync(IPage page, string pathAndQuery)
    {
        var ready = await page.EvaluateAsync<bool>(
            "() => (document.getElementById('chart-data') === null && document.getElementById('histogram-data') === null) || window.parindexChartsReady === true");
        if (!ready)
        {
            throw new InvalidOperationException($"Printing {pathAndQuery}: the charts did not draw (is /lib/chart.js/chart.umd.min.js served?).");
        }
    }

    private static PagePdfOptions PdfOptionsOf(PrintLayout layout)
    {
        var footer = System.Net.WebUtility.HtmlEncode(layout.Footer ?? "");
        return new PagePdfOptions
        {
            Format = "A4",
            Landscape = layout.Landscape,
            PrintBackground = true,
            DisplayHeaderFooter = true,
            HeaderTemplate = "<span></span>",
            FooterTemplate = "<div style=\"font-family:'Noto Sans','DejaVu Sans',sans-serif;font-size:8px;width:100%;padding:0 12mm;display:flex;justify-content:space-between\">" +
                $"<span>{footer}</span><span>Trang <span class=\"pageNumber\"></span>/<span class=\"totalPages\"></span></span></div>",
            Margin = new Margin { Top = "12mm", Bottom = "16mm", Left = "12mm", Right = "12mm" },
        };
    }

    private Uri BaseAddress()
    {
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            ?? throw new PrintUnavailableException(Core.Messages.Get("PdfNoAddress"));
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
