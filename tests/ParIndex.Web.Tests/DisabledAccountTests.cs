using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ParIndex.Core.Accounts;
using ParIndex.Core.Demo;

namespace ParIndex.Web.Tests;

/// <summary>
/// Disabling an account, or resetting its password, ends its bearer tokens and its cookie sessions on
/// their very next request (issue 12: a disabled reporter's token still read and wrote for up to an hour).
/// </summary>
public sealed class DisabledAccountTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const int Year = DemoSeeder.CurrentYear;

    [Fact]
    public async Task Disabling_EndsTheAccountsTokenAndCookie_AtOnce()
    {
        using var admin = await SignedInClients.BearerAsync(app.Factory, "quantri");
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/accounts",
            new NewAccount("bao.cao", "Người báo cáo", null, Roles.Viewer, null, "Abcdefgh12"))).StatusCode);
        using var bearer = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        bearer.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await SignedInClients.TokenAsync(app.Factory, "bao.cao", "Abcdefgh12"));
        using var cookie = await SignedInClients.CookieAsync(app.Factory, "bao.cao", "Abcdefgh12");
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await bearer.GetAsync($"/api/years/{Year}/units")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await cookie.GetAsync($"/years/{Year}/dashboard")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/accounts/bao.cao/disable", new { reason = "Chuyển công tác" })).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync($"/api/years/{Year}/units")).StatusCode);
        var page = await cookie.GetAsync($"/years/{Year}/dashboard");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/account/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/me")).StatusCode);

        // Enabled again, the old token and cookie stay ended: the account signs in afresh.
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/accounts/bao.cao/enable", new { reason = "Trở lại" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearer.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task APasswordReset_EndsTheAccountsTokens_AndAReporterCanNoLongerWrite()
    {
        using var admin = await SignedInClients.BearerAsync(app.Factory, "quantri");
        using var reporter = await SignedInClients.BearerAsync(app.Factory, "nhaplieu");
        var sheet = $"/api/years/{Year}/units/{DemoAccounts.Unit}/assessment";
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync(sheet)).StatusCode);

        var reset = await admin.PostAsync("/api/accounts/nhaplieu/password-reset", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await reporter.GetAsync(sheet)).StatusCode);
        var write = await reporter.PutAsJsonAsync($"{sheet}/leaves/1.1.3/self", new { input = new { kind = "yesNo", first = 1 }, version = 0 });
        Assert.Equal(HttpStatusCode.Unauthorized, write.StatusCode);
    }
}
