using System.Globalization;
using Microsoft.Playwright;
using ParIndex.Core.Demo;

namespace ParIndex.EndToEndTests;

/// <summary>The steps every browser journey takes: sign in and out, follow a link or a form, confirm, open a year.</summary>
internal static class Ui
{
    private static readonly TimeSpan Vietnam = TimeSpan.FromHours(7);

    public static string Url(this BrowserApp app, string path) => new Uri(app.BaseAddress, path).ToString();

    public static async Task SignInAsync(this BrowserApp app, IPage page, string userName)
    {
        await page.GotoAsync(app.Url("/account/login"));
        await page.FillAsync("input[name=UserName]", userName);
        await page.FillAsync("input[name=Password]", DemoAccounts.Password);
        await SubmitAsync(page, page.Locator("form.card button[type=submit]"));
        await page.WaitForSelectorAsync("header .who");
    }

    public static async Task SignOutAsync(IPage page)
    {
        await SubmitAsync(page, page.Locator("header form button.link"));
        await page.WaitForSelectorAsync("header a[href='/account/login']");
    }

    /// <summary>Clicks something that loads a new page, and waits until the new page is there.</summary>
    public static async Task SubmitAsync(IPage page, ILocator target)
    {
        await page.EvaluateAsync("() => { window.parindexOldPage = true; }");
        await target.ClickAsync();
        await NewPageAsync(page);
    }

    /// <summary>
    /// Waits until the document marked before the click is gone and its successor is parsed. Both are asked of the
    /// document itself: Playwright's own lifecycle tracking once missed a DOMContentLoaded that had fired (CI timed out
    /// in WaitForLoadStateAsync with "Load" and "NetworkIdle" reported).
    /// </summary>
    private static Task NewPageAsync(IPage page) =>
        page.WaitForFunctionAsync("() => window.parindexOldPage !== true && document.readyState !== 'loading'");

    /// <summary>Clicks an action that asks for confirmation, checks the dialog names <paramref name="consequence"/>, confirms, waits for the new page.</summary>
    public static async Task ConfirmAsync(IPage page, ILocator target, string? consequence = null)
    {
        await page.EvaluateAsync("() => { window.parindexOldPage = true; }");
        await target.ClickAsync();
        await page.WaitForSelectorAsync("#confirm-dialog[open]");
        if (consequence is not null)
        {
            await Assertions.Expect(page.Locator("#confirm-dialog-text")).ToContainTextAsync(consequence);
        }

        await page.ClickAsync("#confirm-dialog-ok");
        await NewPageAsync(page);
    }

    /// <summary>The administrator opens <paramref name="year"/> from the demo year, self-assessment open from an hour ago, later phases 10 days apart.</summary>
    public static async Task OpenYearAsync(this BrowserApp app, IPage page, int year)
    {
        await page.GotoAsync(app.Url($"/years/{DemoSeeder.CurrentYear}/dashboard"));
        await page.FillAsync("#create-year input[name=newYear]", year.ToString(CultureInfo.InvariantCulture));
        await SubmitAsync(page, page.Locator("#create-year button"));
        await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync($"Đã mở năm đánh giá {year}");
        var now = TimeProvider.System.GetUtcNow().ToOffset(Vietnam);
        var openings = page.Locator("#calendar-form input[name=openings]");
        static string Local(DateTimeOffset t) => t.ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
        await openings.Nth(0).FillAsync(Local(now.AddHours(-1)));
        for (var i = 1; i < 5; i++)
        {
            await openings.Nth(i).FillAsync(Local(now.AddDays(10 * i)));
        }

        await page.FillAsync("#calendar-form input[name=reason]", "Kế hoạch đánh giá năm " + year);
        await SubmitAsync(page, page.Locator("#calendar-form button"));
        await Assertions.Expect(page.Locator("#phase")).ToHaveAttributeAsync("data-phase", "SelfAssessment");
    }

    /// <summary>The secretary opens the next phase from the dashboard (confirmed), and it is the one expected.</summary>
    public static async Task OpenNextPhaseAsync(this BrowserApp app, IPage page, int year, string expected, bool signOut = true)
    {
        await app.SignInAsync(page, "thuky");
        await page.GotoAsync(app.Url($"/years/{year}/dashboard"));
        await ConfirmAsync(page, page.Locator("#next-phase"));
        await Assertions.Expect(page.Locator("#phase")).ToHaveAttributeAsync("data-phase", expected);
        if (signOut)
        {
            await SignOutAsync(page);
        }
    }

    /// <summary>Downloads a file as the page's signed-in person; checks it is a PDF (or a zip).</summary>
    public static async Task<byte[]> DownloadAsync(this BrowserApp app, IPage page, string path)
    {
        var response = await page.APIRequest.GetAsync(app.Url(path), new APIRequestContextOptions { Timeout = 180_000 });
        Assert.True(response.Ok, $"{path}: {response.Status} {await response.TextAsync()}");
        var body = await response.BodyAsync();
        var signature = path.EndsWith(".zip", StringComparison.Ordinal) ? "PK"u8.ToArray() : "%PDF"u8.ToArray();
        Assert.Equal(signature, body.Take(signature.Length));
        return body;
    }

    /// <summary>Uploads a small PDF to every leaf that needs evidence (as the unit's reporter on its sheet).</summary>
    public static async Task UploadEvidenceAsync(IPage page)
    {
        var pdf = Path.Combine(Path.GetTempPath(), "ke-hoach-cchc-" + Guid.NewGuid().ToString("N") + ".pdf");
        await File.WriteAllTextAsync(pdf, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        foreach (var leaf in DemoFramework.EvidenceRequired.Order(StringComparer.Ordinal))
        {
            var leafRow = page.Locator($"tr[data-leaf='{leaf}']");
            await leafRow.Locator("details.attach summary").First.ClickAsync();
            await leafRow.Locator("input[type=file]").First.SetInputFilesAsync(pdf);
            await SubmitAsync(page, leafRow.Locator("form.upload button").First);
            await Assertions.Expect(page.Locator(".flash")).ToContainTextAsync("Đã tải lên");
        }
    }
}
