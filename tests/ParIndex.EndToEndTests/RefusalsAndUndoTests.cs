using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;

namespace ParIndex.EndToEndTests;

/// <summary>
/// The assessment as people really work it, in Chromium: a refused post keeps what is stored and what
/// was typed and puts the row in error in view; browser checks speak Vietnamese; every step with a
/// consequence asks first (cancelling changes nothing); the secretary returns, reopens and takes back
/// with a reason (audited); asking to explain stands alone; a partial draft shows no award or rank
/// change; errors are Vietnamese pages with a way on, the API keeps ProblemDetails.
/// </summary>
public sealed class RefusalsAndUndoTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int Year = DemoSeeder.CurrentYear + 1;
    private static readonly string UnitPage = $"/years/{Year}/units/{DemoAccounts.Unit}";

    [Fact]
    public async Task AYear_WithRefusals_Confirmations_AndUndo_ThroughTheUi()
    {
        var page = await app.Browser.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        await app.SignInAsync(page, "quantri");
        await app.OpenYearAsync(page, Year);

        // The assignment screen: who appraises what; an appraiser's own agency is refused (conflict of interest).
        await Ui.SubmitAsync(page, page.Locator("#assignments-link"));
        Assert.True(await page.Locator("table.assignments tbody tr[data-user=thamdinh]").CountAsync() >= 5);
        await page.SelectOptionAsync("#works-at-form select[name=userName]", "thamdinh");
        await page.SelectOptionAsync("#works-at-form select[name=unitCode]", DemoAccounts.Unit);
        await Ui.SubmitAsync(page, page.Locator("#works-at-form button"));
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync("xung đột lợi ích");
        Assert.Equal(DemoAccounts.Unit, await page.Locator("#works-at-form select[name=unitCode]").InputValueAsync()); // the choice is kept
        await Shot(page, "10-assignments-conflict");
        await page.GotoAsync(app.Url($"/years/{Year}/dashboard"));

        // Browser checks in Vietnamese; a date the server refuses keeps what was typed.
        var first = page.Locator("#calendar-form input[name=openings]").Nth(1);
        await first.FillAsync("ngày mai");
        await page.ClickAsync("#calendar-form button");
        Assert.Contains("dd/MM/yyyy HH:mm", await first.EvaluateAsync<string>("e => e.validationMessage"), StringComparison.Ordinal);
        Assert.StartsWith("Nhập ngày giờ theo mẫu", await first.EvaluateAsync<string>("e => e.validationMessage"), StringComparison.Ordinal);
        await first.FillAsync("31/02/2027 10:00");
        await Ui.SubmitAsync(page, page.Locator("#calendar-form button"));
        await Assertions.Expect(page.Locator("#error-summary")).ToContainTextAsync("31/02/2027 10:00");
        Assert.Equal("31/02/2027 10:00", await page.Locator("#calendar-form input[name=openings]").Nth(1).InputValueAsync());
        await Ui.SignOutAsync(page);

        // A refused upload: the leaf's answer and points stay as stored, the row with its message is in view.
        await app.SignInAsync(page, "nhaplieu");
        await page.GotoAsync(app.Url(UnitPage));
        await Ui.SubmitAsync(page, page.Locator($"button:has-text('Điền sẵn từ kết quả năm {DemoSeeder.CurrentYear}')"));
        var row = page.Locator("tr[data-leaf='2.2.1']");
        var answer = await row.Locator("select[name=first]").InputValueAsync();
        var points = await row.Locator("[data-points]").InnerTextAsync();
        Assert.NotEqual("", answer);
        var text = Path.Combine(Path.GetTempPath(), "ghi-chu-" + Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(text, "chỉ là văn bản");
        await row.Locator("details.attach summary").First.ClickAsync();
        await row.Locator("input[type=file]").First.SetInputFilesAsync(text);
        await Ui.SubmitAsync(page, row.Locator("form.upload button").First);
        row = page.Locator("tr[data-leaf='2.2.1']");
        await Assertions.Expect(row.Locator(".error")).ToContainTextAsync("không phải PDF");
        await Assertions.Expect(page.Locator("#error-summary a[href='#leaf-2.2.1']")).ToHaveCountAsync(1);
        Assert.Equal(answer, await row.Locator("select[name=first]").InputValueAsync());
        Assert.Equal(points, await row.Locator("[data-points]").InnerTextAsync());
        await AssertInViewAsync(page, row);
        await Shot(page, "11-refused-upload-in-view");
        await page.GotoAsync(app.Url(UnitPage));
        Assert.Equal(answer, await page.Locator("tr[data-leaf='2.2.1'] select[name=first]").InputValueAsync()); // stored value untouched
        // The sheet: no Save button where rows save themselves, only what needs me, and it fits a phone.
        Assert.Equal(0, await page.Locator("form.self button.save:visible").CountAsync());
        var remaining = int.Parse(await page.InnerTextAsync("[data-progress=remaining]"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(remaining > 0);
        var todo = await page.InnerTextAsync("#todo summary");
        var needing = page.Locator($"tr[data-leaf='{DemoFramework.EvidenceRequired.Order(StringComparer.Ordinal).First()}']");
        await page.EvaluateAsync("() => { window.parindexSamePage = true; }");
        await needing.Locator("textarea[name=note]").FillAsync("Kế hoạch số 15/KH-STP ngày 05/01/2026, bản gốc lưu tại văn thư của Sở");
        await needing.Locator("textarea[name=note]").PressAsync("Tab");
        await Assertions.Expect(needing.Locator(".save-state")).ToContainTextAsync("Đã lưu");
        await Assertions.Expect(page.Locator("[data-progress=remaining]")).ToHaveTextAsync((remaining - 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.NotEqual(todo, await page.InnerTextAsync("#todo summary")); // the to-do list followed the save
        Assert.True(await page.EvaluateAsync<bool>("() => window.parindexSamePage === true"), "no reload");
        remaining--;
        await Ui.SubmitAsync(page, page.Locator("#only-needs"));
        Assert.Equal(remaining, await page.Locator("table.sheet tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator("table.sheet th.col-appraisal").CountAsync()); // nothing appraised yet: no empty columns
        await page.SetViewportSizeAsync(390, 844);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "the sheet scrolls sideways at 390 px");
        await Shot(page, "11b-sheet-390-only-needs");
        await page.SetViewportSizeAsync(1366, 768);
        await page.GotoAsync(app.Url(UnitPage));
        await Ui.UploadEvidenceAsync(page);
        await Ui.SignOutAsync(page);

        // The head's submit asks first; cancelling changes nothing.
        await app.SignInAsync(page, "thutruong");
        await page.GotoAsync(app.Url(UnitPage));
        await page.ClickAsync("#submit-unit");
        await page.WaitForSelectorAsync("#confirm-dialog[open]");
        await Assertions.Expect(page.Locator("#confirm-dialog-text")).ToContainTextAsync("không sửa được nữa");
        await Shot(page, "12-confirm-submit");
        await page.ClickAsync("#confirm-dialog-cancel");
        await Assertions.Expect(page.Locator("#confirm-dialog")).Not.ToHaveAttributeAsync("open", "");
        await page.GotoAsync(app.Url(UnitPage));
        await Assertions.Expect(page.Locator(".summary .status")).ToHaveAttributeAsync("data-status", "Drafting");
        await Ui.ConfirmAsync(page, page.Locator("#submit-unit"));
        await Assertions.Expect(page.Locator(".summary .status")).ToHaveAttributeAsync("data-status", "Submitted");
        await Ui.SignOutAsync(page);

        // The secretary returns it with a reason; the head submits again.
        await app.SignInAsync(page, "thuky");
        await page.GotoAsync(app.Url(UnitPage));
        await page.ClickAsync("#undo summary");
        await page.FillAsync("#undo textarea[name=reason]", "Bổ sung thuyết minh tiêu chí 1.1.2");
        await Ui.ConfirmAsync(page, page.Locator("#undo-return"), "Trả lại kết quả tự đánh giá");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã trả lại");
        await Assertions.Expect(page.Locator(".summary .status")).ToHaveAttributeAsync("data-status", "Drafting");
        await Ui.SignOutAsync(page);
        await app.SignInAsync(page, "thutruong");
        await page.GotoAsync(app.Url(UnitPage));
        await Ui.ConfirmAsync(page, page.Locator("#submit-unit"));
        await Ui.SignOutAsync(page);

        // Opening round 1 says who becomes late, before and after.
        await app.SignInAsync(page, "thuky");
        await page.GotoAsync(app.Url($"/years/{Year}/dashboard"));
        await Assertions.Expect(page.Locator("#next-phase-consequence")).ToContainTextAsync("49 đơn vị chưa gửi kết quả tự đánh giá sẽ bị quá hạn");
        await Ui.ConfirmAsync(page, page.Locator("#next-phase"), "49 đơn vị");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã mở \"Thẩm định vòng 1\"; 49 đơn vị chưa gửi, nay quá hạn");

        // The dashboard: only late units, least progress first; the list as Excel; a reminder to all of them.
        await page.SelectOptionAsync("#dashboard-filter select[name=sort]", "progress");
        await page.CheckAsync("#dashboard-filter input[name=late]");
        await Ui.SubmitAsync(page, page.Locator("#dashboard-filter button[type=submit]"));
        Assert.Equal(49, await page.Locator("table.units tbody tr").CountAsync());
        Assert.Equal(0, await page.Locator($"table.units tbody tr[data-unit={DemoAccounts.Unit}]").CountAsync());
        Assert.Equal("0/68", await page.InnerTextAsync("table.units tbody tr >> nth=0 >> td.num >> nth=0"));
        var export = await page.APIRequest.GetAsync(app.Url($"/years/{Year}/dashboard?handler=Export&late=true"));
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Headers["content-type"]);
        await page.Locator("#units-heading").ScrollIntoViewIfNeededAsync();
        await Shot(page, "17-dashboard-late-units");
        await Ui.ConfirmAsync(page, page.Locator("#remind-all button"), "49 đơn vị");
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã nhắc 49 đơn vị");
        await Ui.SignOutAsync(page);

        // Round 1: a refused request to explain is in view and keeps what was typed; alone it is a decision,
        // and "accept the rest" leaves it alone.
        await app.SignInAsync(page, "thamdinh");
        await page.GotoAsync(app.Url(UnitPage));
        var flag = page.Locator("tr[data-leaf='1.3.1'] form.appraise");
        await flag.Locator("input[name=flag]").CheckAsync();
        await Ui.SubmitAsync(page, flag.Locator("button"));
        await AssertInViewAsync(page, page.Locator("tr[data-leaf='1.3.1']"));
        Assert.True(await page.Locator("tr[data-leaf='1.3.1'] input[name=flag]").IsCheckedAsync());
        await page.FillAsync("tr[data-leaf='1.3.1'] form.appraise textarea[name=reason]", "Cung cấp kế hoạch kiểm tra đã ký");
        await Ui.SubmitAsync(page, page.Locator("tr[data-leaf='1.3.1'] form.appraise button"));
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã lưu");
        await Ui.ConfirmAsync(page, page.Locator("#accept-remaining"), "yêu cầu giải trình giữ nguyên");
        var round = page.Locator("tr[data-leaf='1.3.1'] td.col-appraisal .round");
        await Assertions.Expect(round).ToContainTextAsync("yêu cầu giải trình");
        Assert.DoesNotContain("chấp nhận", await round.InnerTextAsync(), StringComparison.Ordinal);
        await Ui.ConfirmAsync(page, page.Locator("#close-round"), "1 tiêu chí được gửi để đơn vị giải trình");
        await Ui.SignOutAsync(page);

        // The secretary reopens round 1; the appraiser closes it again.
        await app.SignInAsync(page, "thuky");
        await page.GotoAsync(app.Url(UnitPage));
        await page.ClickAsync("#undo summary");
        await page.FillAsync("#undo textarea[name=reason]", "Xem lại tiêu chí 1.3.1");
        await Ui.ConfirmAsync(page, page.Locator("#undo-reopenround"));
        await Assertions.Expect(page.Locator(".summary .status")).ToHaveAttributeAsync("data-status", "InAppraisal");
        await Ui.SignOutAsync(page);
        await app.SignInAsync(page, "thamdinh");
        await page.GotoAsync(app.Url(UnitPage));
        await Ui.ConfirmAsync(page, page.Locator("#close-round"));
        await Ui.SignOutAsync(page);

        // Explanation, then round 2 states each choice's value.
        await app.OpenNextPhaseAsync(page, Year, "Explanation");
        await app.SignInAsync(page, "nhaplieu");
        await page.GotoAsync(app.Url(UnitPage));
        await page.FillAsync("tr[data-leaf='1.3.1'] form.respond textarea[name=response]", "Kế hoạch kiểm tra số 12/KH-STP đã ký, gửi kèm");
        await Ui.SubmitAsync(page, page.Locator("tr[data-leaf='1.3.1'] form.respond button"));
        await Ui.SignOutAsync(page);
        await app.SignInAsync(page, "thutruong");
        await page.GotoAsync(app.Url(UnitPage));
        await Ui.ConfirmAsync(page, page.Locator("#send-explanation"), "1/1 tiêu chí");
        await Ui.SignOutAsync(page);
        await app.OpenNextPhaseAsync(page, Year, "SecondRound");
        await app.SignInAsync(page, "thamdinh");
        await page.GotoAsync(app.Url(UnitPage));
        var second = page.Locator("tr[data-leaf='1.3.1'] form.appraise");
        await Assertions.Expect(second).ToContainTextAsync("Giữ điểm vòng 1: ");
        await Assertions.Expect(second).ToContainTextAsync("Chấp nhận giải trình: ");
        await second.Locator("input[value=explanationAccepted]").CheckAsync();
        await Ui.SubmitAsync(page, second.Locator("button"));
        await Assertions.Expect(page.Locator("tr[data-leaf='1.3.1'] td.col-appraisal")).ToContainTextAsync("chấp nhận giải trình");
        await page.Locator("tr[data-leaf='1.3.1']").ScrollIntoViewIfNeededAsync();
        await Shot(page, "13-round-2-choices");
        await Ui.SignOutAsync(page);

        // Finalise, take it back, finalise again.
        await app.OpenNextPhaseAsync(page, Year, "Finalisation", signOut: false);
        await page.GotoAsync(app.Url(UnitPage));
        await Ui.ConfirmAsync(page, page.Locator("#finalise"), "Chốt kết quả của Sở Tư pháp");
        await page.ClickAsync("#undo summary");
        await page.FillAsync("#undo textarea[name=reason]", "Kiểm tra lại điểm tiêu chí 1.3.1");
        await Ui.ConfirmAsync(page, page.Locator("#undo-unfinalise"), "rút khỏi bảng xếp hạng");
        await Assertions.Expect(page.Locator(".summary .status")).ToHaveAttributeAsync("data-status", "InAppraisal");
        await Ui.ConfirmAsync(page, page.Locator("#finalise"));
        await Assertions.Expect(page.Locator(".summary .status")).ToHaveAttributeAsync("data-status", "Final");

        // A draft ranking with one final unit in its bloc: provisional, no award, no rank change, no outstanding progress.
        await page.GotoAsync(app.Url($"/?year={Year}"));
        var bloc = page.Locator("section.bloc", new() { Has = page.Locator("tr", new() { HasText = "Sở Tư pháp" }) });
        await Assertions.Expect(bloc.Locator(".provisional")).ToContainTextAsync("Xếp hạng tạm thời");
        var line = bloc.Locator("table.ranking tbody tr", new() { HasText = "Sở Tư pháp" });
        Assert.Equal(0, await line.Locator(".award, .progress-badge").CountAsync());
        Assert.DoesNotMatch("[▲▼]", await line.InnerTextAsync());
        await Assertions.Expect(page.Locator("#survey-not-scored")).ToHaveCountAsync(1);
        await Shot(page, "14-provisional-draft");

        // Each undo is audited with its reason.
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
            var reasons = await (from a in db.AuditEntries
                                 join u in db.Units on a.UnitId equals u.Id
                                 where a.Subject == AuditSubjects.Status && a.UserName == "thuky" && u.Code == DemoAccounts.Unit
                                 select a.OldValue + "→" + a.NewValue + ": " + a.Reason).ToListAsync();
            Assert.Contains("Submitted→Drafting: Bổ sung thuyết minh tiêu chí 1.1.2", reasons);
            Assert.Contains("Explaining→InAppraisal: Xem lại tiêu chí 1.3.1", reasons);
            Assert.Contains("Final→InAppraisal: Kiểm tra lại điểm tiêu chí 1.3.1", reasons);
        }

        // Errors are Vietnamese pages with a way on; the API keeps ProblemDetails.
        await Ui.SignOutAsync(page);
        foreach (var address in new[] { "/khong-co-trang-nay", $"/exports/2099/ranking.pdf", $"/ket-qua/{Year}" })
        {
            var response = await page.GotoAsync(app.Url(address));
            Assert.Equal(404, response!.Status);
            Assert.StartsWith("text/html", response.Headers["content-type"], StringComparison.Ordinal);
            Assert.Contains($"/ket-qua/{DemoSeeder.CurrentYear - 1}", await page.InnerHTMLAsync("main"), StringComparison.Ordinal);
        }

        // On a 390 px phone: no page scrolls sideways, and the ranking shows each unit's index and class.
        await page.SetViewportSizeAsync(390, 844);
        foreach (var address in new[] { "/", $"/ket-qua/{DemoSeeder.CurrentYear - 1}/{DemoAccounts.Unit}", "/khong-co-trang-nay", "/methodology" })
        {
            await page.GotoAsync(app.Url(address));
            Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), $"{address} scrolls sideways at 390 px");
        }

        // The score card on a phone: the chart's area labels are short enough to leave the bars their width.
        await page.GotoAsync(app.Url($"/ket-qua/{DemoSeeder.CurrentYear - 1}/{DemoAccounts.Unit}"));
        Assert.True(await page.EvaluateAsync<bool>("Chart.getChart(document.getElementById('areas-chart')).data.labels.every(l => l.length <= 16)"),
            "the areas chart keeps its long labels on a phone");
        await Shot(page, "17-scorecard-390");

        await page.GotoAsync(app.Url("/"));
        foreach (var cell in new[] { "td.index", "td.rank" })
        {
            var box = await page.Locator($"table.ranking tbody tr >> nth=0 >> {cell}").BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390, $"{cell} is outside the phone's width");
        }

        await Shot(page, "16-ranking-390");
        await page.SetViewportSizeAsync(1366, 768);
        await Assertions.Expect(page.Locator("h1")).Not.ToContainTextAsync("{");
        await Shot(page, "15-not-published-way-on");
        var api = await page.APIRequest.GetAsync(app.Url("/api/khong-co"));
        Assert.Equal(401, api.Status); // an unmapped API path stays denied by default
        Assert.StartsWith("application/problem+json", api.Headers["content-type"], StringComparison.Ordinal);
        await page.CloseAsync();
    }

    private static async Task AssertInViewAsync(IPage page, ILocator row)
    {
        var box = await row.BoundingBoxAsync();
        var height = await page.EvaluateAsync<int>("window.innerHeight");
        Assert.NotNull(box);
        Assert.True(box.Y >= 0 && box.Y < height, $"the row in error is at {box.Y}px, outside the {height}px window");
    }

    private static Task Shot(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, name + ".png") });
}
