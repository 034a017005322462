using Microsoft.Playwright;
using ParIndex.Core.Demo;

namespace ParIndex.EndToEndTests;

/// <summary>The survey in Chromium: the secretary prints invitations; a citizen answers on a phone with the code; the code then works no more; the ranking shows the intervals.</summary>
public sealed class SurveyFormTests(BrowserApp app) : IClassFixture<BrowserApp>
{
    private const int Year = DemoSeeder.CurrentYear;

    private string Url(string path) => new Uri(app.BaseAddress, path).ToString();

    [Fact]
    public async Task Citizen_AnswersOnAPhone_WithAnInvitationCode_ThatThenWorksNoMore()
    {
        var office = await app.Browser.NewPageAsync();
        await office.GotoAsync(Url("/account/login"));
        await office.FillAsync("input[name=UserName]", "thuky");
        await office.FillAsync("input[name=Password]", DemoAccounts.Password);
        await Ui.SubmitAsync(office, office.Locator("form.card button[type=submit]"));
        await office.GotoAsync(Url($"/years/{Year}/survey/invitations?unit=SO03&group=nguoidan"));
        var card = office.Locator(".invitation:not(.used)").First;
        var code = await card.GetAttributeAsync("data-code");
        Assert.Matches("^[A-Z2-9]{8}$", code!);
        Assert.StartsWith("data:image/png;base64,", await card.Locator("img").GetAttributeAsync("src"), StringComparison.Ordinal);
        await office.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "survey-invitations.png"), FullPage = true });
        await office.GotoAsync(Url($"/years/{Year}/survey"));
        Assert.Equal(18, await office.Locator("#survey-leaves tbody tr").CountAsync());
        await office.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "survey-admin.png"), FullPage = true });
        await office.GotoAsync(Url($"/years/{Year}/survey/plan?margin=5"));
        Assert.Equal(50, await office.Locator("#sample-plan tbody tr").CountAsync());
        await office.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "survey-plan.png"), FullPage = true });
        await Ui.SubmitAsync(office, office.Locator("header form button.link")); // sign out: the form needs no account
        await office.CloseAsync();

        var phone = await app.Browser.NewPageAsync();
        await phone.SetViewportSizeAsync(390, 844);
        await phone.GotoAsync(Url("/khao-sat"));
        await phone.FillAsync("input[name=code]", code!.ToLowerInvariant());
        await Ui.SubmitAsync(phone, phone.Locator("form button[type=submit]"));
        await Assertions.Expect(phone.Locator(".progress-text")).ToHaveTextAsync("Câu 1/8");
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollWidth") <= 390, "the form fits a phone");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "survey-phone-question.png"), FullPage = true });

        // Three satisfied answers, then leave (as on a dropped connection): the answers are kept.
        for (var q = 1; q <= 3; q++)
        {
            await phone.Locator("label.choice").Nth(3).ClickAsync(); // "4 – Hài lòng"
            await Ui.SubmitAsync(phone, phone.Locator("button[value=next]"));
        }

        await phone.GotoAsync(Url($"/khao-sat/{code}?q=1"));
        Assert.True(await phone.Locator("label.choice input[value='4']").IsCheckedAsync(), "the answer given before is still there");
        await phone.GotoAsync(Url($"/khao-sat/{code}?q=6"));
        await phone.Locator("label.choice", new() { HasText = "Có" }).ClickAsync();
        await Ui.SubmitAsync(phone, phone.Locator("button[value=next]"));
        await phone.Locator("label.choice", new() { HasText = "Không biết" }).ClickAsync();
        await Ui.SubmitAsync(phone, phone.Locator("button[value=next]"));
        await Assertions.Expect(phone.Locator("h1")).ToHaveTextAsync("Gửi phiếu");
        await Assertions.Expect(phone.Locator("main")).ToContainTextAsync("5/8"); // "Không biết" is an answer given
        await Ui.SubmitAsync(phone, phone.Locator("#send-form button[type=submit]"));
        await Assertions.Expect(phone.Locator("#thanks")).ToHaveTextAsync("Cảm ơn Anh/Chị!");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "survey-phone-thanks.png"), FullPage = true });

        var again = await phone.GotoAsync(Url($"/khao-sat/{code}"));
        Assert.Equal(410, again!.Status);
        await Assertions.Expect(phone.Locator("#refusal")).ToContainTextAsync("đã được dùng");
        var wrong = await phone.GotoAsync(Url("/khao-sat/ABCDEFGH"));
        Assert.Equal(404, wrong!.Status);
        await Assertions.Expect(phone.Locator("#refusal")).ToContainTextAsync("Mã mời không đúng");
        await phone.CloseAsync();
    }

    [Fact]
    public async Task Ranking_ShowsRankIntervals_AndTheMethodPageExplainsThem()
    {
        var page = await app.Browser.NewPageAsync();
        await page.GotoAsync(Url($"/?year={Year - 1}")); // the published year: anyone can read it
        var intervals = page.Locator("table.ranking td.interval .rank-interval");
        Assert.Equal(50, await intervals.CountAsync());
        Assert.True(await page.Locator("table.ranking .not-robust").CountAsync() > 0, "some neighbours' order is not robust");
        Assert.Matches(@"^\d+(–\d+)?$", await intervals.First.InnerTextAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserApp.Screenshots, "ranking-survey.png"), FullPage = true });
        await Ui.SubmitAsync(page, page.Locator("#survey-note a"));
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("độ tin cậy của thứ hạng");
        await page.CloseAsync();
    }
}
