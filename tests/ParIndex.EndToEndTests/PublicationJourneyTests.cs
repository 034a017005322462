using System.IO.Compression;
using Microsoft.Playwright;
using ParIndex.Core.Demo;
using ParIndex.Tests;

namespace ParIndex.EndToEndTests;

/// <summary>
/// Publishing the demo's current year in Chromium: the secretary proposes, the administrator publishes
/// under a decision, then anyone reads it without signing in and downloads the annex and the score
/// cards as PDFs printed by the app's own headless Chromium (read back with poppler).
/// </summary>
public sealed class PublicationJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int Year = DemoSeeder.CurrentYear;

    [Fact]
    public async Task ProposePublish_ThenThePublicReadsIt_AndThePdfsLookLikeTheDecisionsAnnex()
    {
        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(Url($"/?year={Year}&culture=vi-VN&ui-culture=vi-VN"));
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync($"Kết quả năm {Year} chưa được công bố");

        await SignInAsync(page, "thuky");
        await page.GotoAsync(Url($"/years/{Year}/publication"));
        await page.FillAsync("#propose-form textarea[name=note]", "Kết quả đã được Hội đồng thống nhất");
        await Ui.ConfirmAsync(page, page.Locator("#propose-form button"), "bị khoá");
        await Assertions.Expect(page.Locator("#publication-state")).ToContainTextAsync("chờ phê duyệt");
        await SignOutAsync(page);

        await SignInAsync(page, "quantri");
        await page.GotoAsync(Url($"/years/{Year}/publication"));
        await page.FillAsync("#publish-form input[name=decisionNumber]", "2001/QĐ-UBND");
        await page.FillAsync("#publish-form input[name=decisionDate]", "05/05/2026");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "publication-approve.png"), FullPage = true });
        await Ui.ConfirmAsync(page, page.Locator("#publish-form button"), "không thay đổi được nữa");
        await Assertions.Expect(page.Locator("#versions")).ToContainTextAsync("Quyết định 2001/QĐ-UBND ngày 05/05/2026");
        await SignOutAsync(page);

        // Anyone, without signing in.
        await page.GotoAsync(Url("/"));
        Assert.Equal($"Kết quả Chỉ số cải cách hành chính năm {Year}", await page.InnerTextAsync("h1"));
        await Assertions.Expect(page.Locator("#decision")).ToContainTextAsync("Quyết định 2001/QĐ-UBND ngày 05/05/2026");
        Assert.True(await page.Locator("tr.tie").CountAsync() >= 2, "the demo's tie is shown");
        Assert.True(await page.Locator("td.change.up").CountAsync() > 0, "rank changes against the year before");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "ranking-published.png"), FullPage = true });
        await page.GotoAsync(Url($"/blocs/SO?year={Year}"));
        await Assertions.Expect(page.Locator("#outstanding")).ToContainTextAsync("Tiến bộ vượt bậc");
        await page.WaitForFunctionAsync("() => Chart.getChart(document.getElementById('histogram-chart')) !== undefined");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "bloc-overview.png"), FullPage = true });

        // The annex: title, decision, every department with its diacritics, numbered pages, landscape A4.
        var annex = await DownloadAsync(page, $"/exports/{Year}/ranking.pdf");
        var kept = await page.APIRequest.GetAsync(Url($"/exports/{Year}/ranking.pdf")); // kept for the public like its pages (issue 13)
        Assert.True(kept.Headers.ContainsKey("etag"), "the published annex has an ETag");
        Assert.Equal(annex, await kept.BodyAsync()); // the stored file, not a second printing (whose dates would differ)
        var text = await DocumentReaders.PdfTextAsync(annex);
        Assert.Contains("PHỤ LỤC", text, StringComparison.Ordinal);
        Assert.Contains("KẾT QUẢ XẾP HẠNG CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM " + Year, text, StringComparison.Ordinal);
        Assert.Contains("Quyết định 2001/QĐ-UBND ngày 05/05/2026", text, StringComparison.Ordinal);
        Assert.Contains("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", text, StringComparison.Ordinal);
        foreach (var name in DemoUnits.Departments)
        {
            Assert.Contains(name, text.Replace("\n", " ", StringComparison.Ordinal).Replace("  ", " ", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Matches(@"Trang 1/\d", text);
        // A bloc's average is printed on the page of its last unit, never alone at the top of the next page.
        var printedPages = text.Split('\f');
        var published = await page.APIRequest.GetAsync(Url($"/api/years/{Year}/rankings"));
        using (var json = System.Text.Json.JsonDocument.Parse(await published.TextAsync()))
        {
            foreach (var bloc in json.RootElement.GetProperty("blocs").EnumerateArray())
            {
                // The last unit's name (or, when the cell wraps it, the longest start of it on one line).
                var name = bloc.GetProperty("units").EnumerateArray().Last().GetProperty("unitName").GetString()!.Split(' ');
                var (onPage, at) = (-1, -1);
                for (var words = name.Length; words > 1 && onPage < 0; words--)
                {
                    var start = string.Join(' ', name.Take(words));
                    onPage = Array.FindLastIndex(printedPages, p => Flat(p).Contains(start, StringComparison.Ordinal));
                    at = onPage < 0 ? -1 : Flat(printedPages[onPage]).LastIndexOf(start, StringComparison.Ordinal);
                }

                Assert.True(onPage >= 0, $"{string.Join(' ', name)} is not in the annex");
                Assert.Contains("Bình quân khối", Flat(printedPages[onPage])[at..], StringComparison.Ordinal);
            }
        }
        var pages = await DocumentReaders.PdfToPngAsync(annex, Path.Combine(BrowserApp.Screenshots, "annex-pdf"), 70);
        Assert.InRange(pages.Count, 2, 6);

        // A score card prints on one or two pages; a bloc's cards come as a zip of PDFs.
        var card = await DownloadAsync(page, $"/exports/{Year}/units/SO03.pdf");
        var cardText = await DocumentReaders.PdfTextAsync(card);
        Assert.Contains("Sở Tư pháp", cardText, StringComparison.Ordinal);
        Assert.Contains("Mặt mạnh", cardText, StringComparison.Ordinal);
        Assert.InRange((await DocumentReaders.PdfToPngAsync(card, Path.Combine(BrowserApp.Screenshots, "scorecard-pdf"), 70)).Count, 1, 2);
        await SignInAsync(page, "lanhdao"); // a bloc's cards are for staff (one PDF per unit), made in the background
        await page.GotoAsync(Url($"/blocs/SO?year={Year}"));
        await Ui.SubmitAsync(page, page.Locator(".toolbar a", new() { HasText = "Phiếu kết quả của cả khối" }));
        await Ui.SubmitAsync(page, page.Locator("#card-start"));
        await Assertions.Expect(page.Locator("#card-progress")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#card-status")).ToContainTextAsync("phiếu"); // "Đã in n/20 phiếu", updated without a reload
        await Assertions.Expect(page.Locator("#card-download")).ToBeVisibleAsync(new() { Timeout = 120_000 });
        await Assertions.Expect(page.Locator("#card-status")).ToContainTextAsync("Đã xong: 20 phiếu");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "bloc-cards-done.png"), FullPage = true });
        var fileUrl = await page.Locator("#card-download").GetAttributeAsync("href");
        var zip = await DownloadAsync(page, fileUrl!);
        using (var archive = new ZipArchive(new MemoryStream(zip)))
        {
            Assert.Equal(20, archive.Entries.Count);
            Assert.All(archive.Entries, e => Assert.Matches(@"^\d{3}-SO\d{2}\.pdf$", e.FullName));
            await using var entry = archive.Entries.Single(e => e.FullName.EndsWith("-SO03.pdf", StringComparison.Ordinal)).Open();
            using var buffer = new MemoryStream();
            await entry.CopyToAsync(buffer);
            // Printed in a tab that printed other cards before: the same card as printed alone.
            Assert.Equal(Flat(cardText), Flat(await DocumentReaders.PdfTextAsync(buffer.ToArray())));
        }

        // The same request answers the same job; a second bloc while one is under way waits its turn; a job can be stopped.
        var jobUrl = $"/api/exports/jobs/{fileUrl!.Split('/')[3]}";
        // The browser's own API calls carry the page's antiforgery token with the cookie (a cookie alone writes nothing).
        var token = new APIRequestContextOptions
        {
            Headers = new Dictionary<string, string> { ["RequestVerificationToken"] = (await page.Locator("input[name=__RequestVerificationToken]").First.GetAttributeAsync("value"))! },
        };
        var forged = await page.APIRequest.PostAsync(Url($"/api/years/{Year}/blocs/SO/scorecards"));
        Assert.Equal(400, forged.Status);
        var again = await page.APIRequest.PostAsync(Url($"/api/years/{Year}/blocs/SO/scorecards"), token);
        Assert.Equal(202, again.Status);
        Assert.Contains($"\"fileUrl\":\"{fileUrl}\"", await again.TextAsync(), StringComparison.Ordinal);
        var communes = await page.APIRequest.PostAsync(Url($"/api/years/{Year}/blocs/XA/scorecards"), token);
        Assert.Equal(202, communes.Status);
        var communesJob = communes.Headers["location"];
        var busy = await page.APIRequest.PostAsync(Url($"/api/years/{Year - 1}/blocs/SO/scorecards"), token);
        Assert.Equal(409, busy.Status);
        Assert.Contains("Hãy chờ xong hoặc dừng", await busy.TextAsync(), StringComparison.Ordinal);
        var stopped = await page.APIRequest.PostAsync(Url(communesJob + "/cancel"), token);
        Assert.Contains("\"state\":\"cancelled\"", await stopped.TextAsync(), StringComparison.Ordinal);

        // Someone else's job is nobody else's: not its progress, not its file.
        await SignInAsync(page, "thuky");
        Assert.Equal(404, (await page.APIRequest.GetAsync(Url(jobUrl))).Status);
        Assert.Equal(404, (await page.APIRequest.GetAsync(Url(fileUrl))).Status);
        await page.GotoAsync(Url($"/blocs/SO/scorecards?year={Year}"));
        await Assertions.Expect(page.Locator("#card-start")).ToBeVisibleAsync();
        await page.CloseAsync();
    }

    private Task<byte[]> DownloadAsync(IPage page, string path) => app.DownloadAsync(page, path);

    private static string Flat(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ");

    private async Task SignInAsync(IPage page, string userName)
    {
        await page.GotoAsync(Url("/account/login"));
        await page.FillAsync("input[name=UserName]", userName);
        await page.FillAsync("input[name=Password]", DemoAccounts.Password);
        await Ui.SubmitAsync(page, page.Locator("form.card button[type=submit]"));
        try
        {
            // Generous: on a loaded two-core machine the first pages after start can be slow.
            await Assertions.Expect(page.Locator("header .who")).ToBeVisibleAsync(new() { Timeout = 90_000 });
        }
        catch (PlaywrightException)
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, $"sign-in-failed-{userName}.png"), FullPage = true });
            throw new InvalidOperationException($"Signing in as {userName} did not finish: {page.Url} {(await page.InnerTextAsync("body"))[..Math.Min(500, (await page.InnerTextAsync("body")).Length)]}");
        }
    }

    private static async Task SignOutAsync(IPage page)
    {
        await Ui.SubmitAsync(page, page.Locator("header form button.link"));
        await page.WaitForSelectorAsync("header a[href='/account/login']");
    }

    private string Url(string path) => new Uri(app.BaseAddress, path).ToString();
}
