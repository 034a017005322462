using Microsoft.Playwright;
using ParIndex.Core.Demo;

namespace ParIndex.EndToEndTests;

public sealed class RankingPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Home_InChromium_ShowsThePublishedYear_SortsByAColumn_AndSwitchesLanguage()
    {
        var page = await app.Browser.NewPageAsync();
        const int published = DemoSeeder.CurrentYear - 1; // the current year is a draft: not public

        await page.GotoAsync(new Uri(app.BaseAddress, "/?culture=vi-VN&ui-culture=vi-VN").ToString());

        Assert.Equal($"Kết quả Chỉ số cải cách hành chính năm {published}", await page.InnerTextAsync("h1"));
        await Assertions.Expect(page.Locator("#decision")).ToContainTextAsync($"Quyết định {DemoSeeder.PreviousYearDecision.Number}");
        Assert.Equal(0, await page.Locator("#draft").CountAsync());
        Assert.Equal(2, await page.Locator("table.ranking").CountAsync());
        var departments = page.Locator("table.ranking").First;
        Assert.Equal(20, await departments.Locator("tbody tr").CountAsync());
        Assert.Matches(@"^\d{2,3},\d{2}$", await departments.Locator("tbody tr td.index").First.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "ranking-vi.png"), FullPage = true });

        // A click on "Chỉ số (%)" sorts lowest first; another click, highest first again.
        var heading = departments.Locator("thead th button.sort", new() { HasText = "Chỉ số" });
        await heading.ClickAsync();
        var ascending = await departments.Locator("tbody tr td.index").AllInnerTextsAsync();
        Assert.Equal(ascending.OrderBy(Number), ascending.Select(x => x), StringComparer.Ordinal);
        Assert.Equal("20", await departments.Locator("tbody tr td.rank").First.InnerTextAsync());
        await heading.ClickAsync();
        Assert.Equal("1", await departments.Locator("tbody tr td.rank").First.InnerTextAsync());

        // Switch to English by clicking; the choice sticks for the next page.
        await page.ClickAsync("header nav a[hreflang='en']");
        Assert.Equal($"Administrative Reform Index {published}: results", await page.InnerTextAsync("h1"));
        Assert.Matches(@"^\d{2,3}\.\d{2}$", await page.Locator("table.ranking tbody tr td.index").First.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "ranking-en.png"), FullPage = true });
        await page.GotoAsync(new Uri(app.BaseAddress, "/?culture=vi-VN&ui-culture=vi-VN").ToString());
        await page.CloseAsync();
    }

    private static decimal Number(string text) => decimal.Parse(text.Replace(".", "", StringComparison.Ordinal).Replace(',', '.'), System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task Ranking_ClickAUnit_OpensItsScoreCard_WithTheChartDrawn()
    {
        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/?culture=vi-VN&ui-culture=vi-VN").ToString());
        var first = page.Locator("table.ranking").Last.Locator("tbody tr th.unit a").First;
        var name = await first.InnerTextAsync();

        await first.ClickAsync();

        Assert.Equal(name, await page.InnerTextAsync("h1"));
        Assert.Equal(8, await page.Locator("table.scorecard tr.level-1").CountAsync());
        Assert.True(await page.Locator("table.scorecard tr.leaf").CountAsync() >= 80);
        Assert.Equal(8, await page.Locator("#areas tbody tr").CountAsync());
        await page.WaitForFunctionAsync("() => window.parindexChartsReady === true");
        // Chart.js drew the bars: the chart exists and the canvas has painted pixels.
        var painted = await page.EvaluateAsync<int>(@"() => {
            const canvas = document.getElementById('areas-chart');
            if (!Chart.getChart(canvas)) return 0;
            const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
            let n = 0; for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
            return n; }");
        Assert.True(painted > 10_000, $"only {painted} painted pixels");
        await page.Locator("#areas-chart").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "scorecard-chart.png") });
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "scorecard.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task Home_OnATablet_TableFitsOrScrollsInsideItsFrame()
    {
        var page = await app.Browser.NewPageAsync();
        await page.SetViewportSizeAsync(768, 1024);

        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());

        // The page itself never scrolls sideways; a wide table scrolls inside its own frame.
        var pageWidth = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(pageWidth <= 768, $"the page is {pageWidth}px wide on a 768px tablet");
        Assert.False(await page.Locator("table.ranking th.secondary").First.IsVisibleAsync(), "the maximum column is hidden when narrow");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "ranking-tablet.png") });
        await page.CloseAsync();
    }
}
