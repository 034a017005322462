using System.Globalization;
using Microsoft.Playwright;
using ParIndex.Core.Demo;

namespace ParIndex.EndToEndTests;

/// <summary>
/// One whole assessment year through the real UI in headless Chromium: the administrator opens the
/// year; a reporter fills the unit with evidence; the head submits; an appraiser adjusts one leaf with
/// a reason and flags another; the unit explains; round 2; the secretary finalises; the ranking shows
/// the unit's final index. Screenshots of the main screens are saved as test artefacts.
/// </summary>
public sealed class AssessmentJourneyTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int Year = DemoSeeder.CurrentYear + 1;
    private const string UnitCode = DemoAccounts.Unit;

    [Fact]
    public async Task WholeYear_FromOpeningToTheRanking_ThroughTheUi()
    {
        var page = await app.Browser.NewPageAsync();
        var unitPage = $"/years/{Year}/units/{UnitCode}";

        // The administrator opens the year from the demo year and sets its calendar: self-assessment open now.
        await app.SignInAsync(page, "quantri");
        await app.OpenYearAsync(page, Year);
        await Shot(page, "01-dashboard-year-opened");
        await Ui.SubmitAsync(page, page.Locator($"a[href='/years/{Year}/framework']"));
        Assert.True(await page.Locator("table.framework tbody tr").CountAsync() > 80);
        Assert.Equal(1, await page.Locator("#locked").CountAsync()); // self-assessment is open
        await Shot(page, "01b-framework");
        await page.GotoAsync(Url("/admin/accounts"));
        Assert.Equal(6, await page.Locator("table.accounts tbody tr").CountAsync());
        await Shot(page, "01c-accounts");
        await Ui.SignOutAsync(page);

        // The reporter starts from last year's figures, types one score, uploads evidence for the leaves that need it.
        await app.SignInAsync(page, "nhaplieu");
        await page.GotoAsync(Url(unitPage));
        await Ui.SubmitAsync(page, page.Locator($"button:has-text('Điền sẵn từ kết quả năm {DemoSeeder.CurrentYear}')"));
        await Expect(page, ".flash", "Đã điền sẵn");
        var row = page.Locator("tr[data-leaf='1.5.1']");
        var typed = await row.Locator("input[name=first]").InputValueAsync() == "0,5" ? "1" : "0,5";
        await row.Locator("input[name=first]").FillAsync(typed);
        await row.Locator("input[name=first]").PressAsync("Tab"); // change event: saved as the user works
        await Expect(row, ".save-state", "Đã lưu");
        Assert.Equal(typed == "1" ? "1,00" : "0,50", await row.Locator("[data-points]").InnerTextAsync());
        var bad = page.Locator("tr[data-leaf='1.3.3']");
        await bad.Locator("input[name=first]").FillAsync("7");
        await bad.Locator("input[name=first]").PressAsync("Tab"); // refused as it saves itself: said in the row, the value stays as typed
        await Expect(bad, ".save-state", "vượt quá điểm tối đa");
        Assert.Equal("7", await bad.Locator("input[name=first]").InputValueAsync());

        await Ui.UploadEvidenceAsync(page);

        Assert.Equal(0, await page.Locator("details.todo").CountAsync());
        await Shot(page, "02-self-assessment-grid");
        await Ui.SignOutAsync(page);

        // The head submits; the entries become read-only.
        await app.SignInAsync(page, "thutruong");
        await page.GotoAsync(Url(unitPage));
        await Ui.ConfirmAsync(page, page.Locator("#submit-unit"), "không sửa được nữa");
        await Expect(page, ".flash", "Đã gửi kết quả tự đánh giá");
        await Assertions.Expect(page.Locator(".summary .status")).ToHaveAttributeAsync("data-status", "Submitted");
        Assert.Equal(0, await page.Locator("form.self").CountAsync());
        await Ui.SignOutAsync(page);

        // The secretary opens round 1; the appraiser adjusts one leaf with a reason, flags another, accepts the rest.
        await app.OpenNextPhaseAsync(page, Year, "FirstRound");
        await app.SignInAsync(page, "thamdinh");
        await page.GotoAsync(Url(unitPage));
        var adjust = page.Locator("tr[data-leaf='1.1.3'] form.appraise");
        await adjust.Locator("input[value=adjusted]").CheckAsync();
        await adjust.Locator("select[name=first]").SelectOptionAsync("0");
        await Ui.SubmitAsync(page, adjust.Locator("button"));
        await Expect(page.Locator("tr[data-leaf='1.1.3']"), ".error", "lý do");
        adjust = page.Locator("tr[data-leaf='1.1.3'] form.appraise");
        await adjust.Locator("textarea[name=reason]").FillAsync("Chưa bố trí kinh phí riêng cho CCHC");
        await Ui.SubmitAsync(page, adjust.Locator("button"));
        await Expect(page, ".flash", "Đã lưu");
        var flag = page.Locator("tr[data-leaf='1.3.1'] form.appraise");
        await flag.Locator("input[value=accepted]").CheckAsync();
        await flag.Locator("input[name=flag]").CheckAsync();
        await flag.Locator("textarea[name=reason]").FillAsync("Đề nghị cung cấp kế hoạch kiểm tra đã ký");
        await Ui.SubmitAsync(page, flag.Locator("button"));
        await Expect(page, ".flash", "Đã lưu");
        await Ui.ConfirmAsync(page, page.Locator("#accept-remaining"));
        await Expect(page, ".flash", "Đã chấp nhận");
        await page.Locator("tr[data-leaf='1.1.3']").ScrollIntoViewIfNeededAsync();
        await Shot(page, "03-appraisal-round-1");
        await Ui.ConfirmAsync(page, page.Locator("#close-round"), "2 tiêu chí được gửi để đơn vị giải trình");
        await Expect(page, ".flash", "Đã kết thúc thẩm định vòng 1");
        await Ui.SignOutAsync(page);

        // Explanation: the reporter answers both leaves (new evidence for one); the head sends.
        await app.OpenNextPhaseAsync(page, Year, "Explanation");
        await app.SignInAsync(page, "nhaplieu");
        Assert.Equal("1", await page.InnerTextAsync("header .bell .count"));
        await page.GotoAsync(Url(unitPage));
        foreach (var (leaf, text) in new[] { ("1.1.3", "Kinh phí CCHC được bố trí trong dự toán chung của Sở"), ("1.3.1", "Kế hoạch kiểm tra số 12/KH-STP đã ký, gửi kèm") })
        {
            var form = page.Locator($"tr[data-leaf='{leaf}'] form.respond");
            await form.Locator("textarea[name=response]").FillAsync(text);
            await Ui.SubmitAsync(page, form.Locator("button"));
            await Expect(page, ".flash", "Đã lưu");
        }

        var newEvidence = Path.Combine(Path.GetTempPath(), "ke-hoach-kiem-tra-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllTextAsync(newEvidence, "%PDF-1.4\n% kế hoạch kiểm tra\n%%EOF\n");
        await page.Locator("tr[data-leaf='1.3.1'] td.col-explanation details.attach summary").ClickAsync();
        await page.Locator("tr[data-leaf='1.3.1'] td.col-explanation input[type=file]").SetInputFilesAsync(newEvidence);
        await Ui.SubmitAsync(page, page.Locator("tr[data-leaf='1.3.1'] td.col-explanation form.upload button"));
        await Expect(page, ".flash", "Đã tải lên");
        await page.Locator("tr[data-leaf='1.3.1']").ScrollIntoViewIfNeededAsync();
        await Shot(page, "04-explanation");
        await Ui.SignOutAsync(page);
        await app.SignInAsync(page, "thutruong");
        await page.GotoAsync(Url(unitPage));
        await Ui.ConfirmAsync(page, page.Locator("#send-explanation"), "2/2 tiêu chí");
        await Expect(page, ".flash", "Đã gửi giải trình");
        await Ui.SignOutAsync(page);

        // Round 2 settles the two explained leaves.
        await app.OpenNextPhaseAsync(page, Year, "SecondRound");
        await app.SignInAsync(page, "thamdinh");
        await page.GotoAsync(Url(unitPage));
        Assert.Equal(2, await page.Locator("form.appraise").CountAsync());
        var keep = page.Locator("tr[data-leaf='1.1.3'] form.appraise");
        await keep.Locator("input[value=accepted]").CheckAsync();
        await keep.Locator("textarea[name=reason]").FillAsync("Giữ nguyên kết quả điều chỉnh vòng 1");
        await Ui.SubmitAsync(page, keep.Locator("button"));
        await Expect(page, ".flash", "Đã lưu");
        var accept = page.Locator("tr[data-leaf='1.3.1'] form.appraise");
        await accept.Locator("input[value=accepted]").CheckAsync();
        await Ui.SubmitAsync(page, accept.Locator("button"));
        await Expect(page, ".flash", "Đã lưu");
        await Ui.SignOutAsync(page);

        // The secretary finalises; the ranking shows the unit's final index.
        await app.OpenNextPhaseAsync(page, Year, "Finalisation", signOut: false);
        await page.GotoAsync(Url(unitPage));
        await Ui.ConfirmAsync(page, page.Locator("#finalise"));
        await Expect(page, ".flash", "Đã chốt kết quả");
        await Assertions.Expect(page.Locator(".summary .status")).ToHaveAttributeAsync("data-status", "Final");
        Assert.Equal("0,00", await page.InnerTextAsync("tr[data-leaf='1.1.3'] td.final"));
        await Shot(page, "05-final-sheet");
        await page.GotoAsync(Url(unitPage + "?culture=en&ui-culture=en"));
        Assert.Equal("Final", await page.InnerTextAsync(".summary .status"));
        Assert.Matches(@"^\d+\.\d{2}$", await page.InnerTextAsync("tr[data-leaf='1.1.2'] td.final"));
        await page.SetViewportSizeAsync(768, 1024);
        Assert.True(await page.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 768, "the page never scrolls sideways on a tablet");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "05b-final-sheet-en-tablet.png") });
        await page.SetViewportSizeAsync(1280, 900);
        await page.GotoAsync(Url(unitPage + "?culture=vi-VN&ui-culture=vi-VN"));
        await page.GotoAsync(Url($"/years/{Year}/units/{UnitCode}/leaves/1.1.3/history"));
        Assert.True(await page.Locator("table.history tbody tr").CountAsync() >= 4);
        var history = await page.InnerTextAsync("table.history tbody");
        Assert.Contains("Điều chỉnh thành Không", history, StringComparison.Ordinal); // words, not "adjusted to no"
        Assert.Contains(DemoAccounts.All.Single(a => a.UserName == "thamdinh").FullName, history, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"\b(yes|no|accepted|adjusted|n/a|InAppraisal)\b", history);
        await Shot(page, "06-leaf-history");

        // The papers of the process, printed with the national header: the self-assessment report for the head's
        // signature, the appraisal minutes (the adjusted leaf, before/after, reason, appraiser, date) and the explanations.
        var papers = new Dictionary<string, string[]>
        {
            ["bao-cao-tu-danh-gia"] = ["BÁO CÁO KẾT QUẢ TỰ ĐÁNH GIÁ", "THỦ TRƯỞNG ĐƠN VỊ", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "1.1.3"],
            ["bien-ban-tham-dinh"] = ["BIÊN BẢN THẨM ĐỊNH", "ĐẠI DIỆN HỘI ĐỒNG THẨM ĐỊNH", "ĐẠI DIỆN ĐƠN VỊ"],
            ["tong-hop-giai-trinh"] = ["TỔNG HỢP GIẢI TRÌNH", "THỦ TRƯỞNG ĐƠN VỊ"],
        };
        foreach (var (paper, expected) in papers)
        {
            var pdf = await app.DownloadAsync(page, $"/exports/{Year}/units/{UnitCode}/{paper}.pdf");
            var paperText = System.Text.RegularExpressions.Regex.Replace(await ParIndex.Tests.DocumentReaders.PdfTextAsync(pdf), @"\s+", " ");
            foreach (var words in expected)
            {
                Assert.Contains(words, paperText, StringComparison.Ordinal);
            }

            Assert.NotEmpty(await ParIndex.Tests.DocumentReaders.PdfToPngAsync(pdf, Path.Combine(BrowserApp.Screenshots, "paper-" + paper), 70));
        }

        Assert.Equal(404, (await page.APIRequest.GetAsync(Url($"/exports/{Year}/units/{UnitCode}/khong-co.pdf"))).Status);
        await page.GotoAsync(Url($"/print/{Year}/units/{UnitCode}/bien-ban-tham-dinh"));
        var adjusted = page.Locator("#adjustments tr[data-leaf='1.1.3']");
        await Assertions.Expect(adjusted).ToContainTextAsync("Chưa bố trí kinh phí riêng cho CCHC"); // why
        await Assertions.Expect(adjusted).ToContainTextAsync(DemoAccounts.All.Single(a => a.UserName == "thamdinh").FullName); // who appraised it
        await Assertions.Expect(adjusted).ToContainTextAsync(TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Assertions.Expect(adjusted.Locator("td >> nth=3")).ToContainTextAsync("Không (0,00)"); // after; before is the self-score
        Assert.NotEqual(await adjusted.Locator("td >> nth=2").InnerTextAsync(), await adjusted.Locator("td >> nth=3").InnerTextAsync());
        await page.GotoAsync(Url($"/print/{Year}/units/{UnitCode}/tong-hop-giai-trinh"));
        await Assertions.Expect(page.Locator("#explanations tr[data-leaf='1.1.3']")).ToContainTextAsync("Kinh phí CCHC được bố trí trong dự toán chung của Sở");
        await Assertions.Expect(page.Locator("#explanations tr[data-leaf='1.3.1']")).ToContainTextAsync("Đề nghị cung cấp kế hoạch kiểm tra đã ký");

        await page.GotoAsync(Url("/"));
        Assert.Equal($"Kết quả Chỉ số cải cách hành chính năm {Year}", await page.InnerTextAsync("h1"));
        Assert.Contains("1/50 đơn vị", await page.InnerTextAsync("#in-progress"), StringComparison.Ordinal);
        var line = page.Locator("table.ranking tbody tr", new() { HasText = "Sở Tư pháp" });
        Assert.Equal(1, await line.CountAsync());
        var index = await line.Locator("td.index").InnerTextAsync();
        Assert.Matches(@"^\d{1,3},\d{2}$", index);
        await Ui.SubmitAsync(page, line.Locator("th.unit a"));
        Assert.Equal(index, await page.InnerTextAsync("dl.summary dd.index"));
        await page.GotoAsync(Url("/"));
        await Shot(page, "07-ranking-with-final-result");
        await page.CloseAsync();
    }

    private static async Task Expect(IPage page, string selector, string text) =>
        await Assertions.Expect(page.Locator(selector).First).ToContainTextAsync(text);

    private static async Task Expect(ILocator scope, string selector, string text) =>
        await Assertions.Expect(scope.Locator(selector).First).ToContainTextAsync(text);

    private string Url(string path) => app.Url(path);

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, name + ".png"), FullPage = true });
}
