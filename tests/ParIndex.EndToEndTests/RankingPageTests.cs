using Microsoft.Playwright;
using ParIndex.Core.Demo;

namespace ParIndex.EndToEndTests;

public sealed class RankingPageTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    [Fact]
    public async Task Home_InChromium_ShowsBothBlocs_SwitchesLanguage_AndYears()
    {
        var page = await app.Browser.NewPageAsync();

        await page.GotoAsync(new Uri(app.BaseAddress, "/").ToString());

        Assert.Equal($"Kết quả Chỉ số cải cách hành chính năm {DemoSeeder.CurrentYear}", await page.InnerTextAsync("h1"));
        Assert.Equal(2, await page.Locator("table.ranking").CountAsync());
        Assert.Equal(20, await page.Locator("table.ranking").First.Locator("tbody tr").CountAsync());
        Assert.True(await page.Locator("tr.tie").CountAsync() >= 2, "the demo's tie is highlighted");
        var firstIndex = await page.Locator("table.ranking tbody tr td.index").First.InnerTextAsync();
        Assert.Matches(@"^\d{2,3},\d{2}$", firstIndex);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "ranking-vi.png"), FullPage = true });

        // Switch to English by clicking; the choice sticks for the next page.
        await page.ClickAsync("header nav a[hreflang='en']");
        Assert.Equal($"Administrative Reform Index {DemoSeeder.CurrentYear}: results", await page.InnerTextAsync("h1"));
        await page.ClickAsync($".years a:text-is('{DemoSeeder.CurrentYear - 1}')");
        Assert.Equal($"Administrative Reform Index {DemoSeeder.CurrentYear - 1}: results", await page.InnerTextAsync("h1"));
        Assert.Matches(@"^\d{2,3}\.\d{2}$", await page.Locator("table.ranking tbody tr td.index").First.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "ranking-en-previous-year.png"), FullPage = true });
        await page.CloseAsync();
    }

    [Fact]
    public async Task Ranking_ClickAUnit_OpensItsScoreCard()
    {
        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/?culture=vi-VN&ui-culture=vi-VN").ToString());
        var first = page.Locator("table.ranking").Last.Locator("tbody tr th.unit a").First;
        var name = await first.InnerTextAsync();

        await first.ClickAsync();

        Assert.Equal(name, await page.InnerTextAsync("h1"));
        Assert.Equal(8, await page.Locator("table.scorecard tr.level-1").CountAsync());
        Assert.True(await page.Locator("table.scorecard tr.leaf").CountAsync() >= 80);
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
