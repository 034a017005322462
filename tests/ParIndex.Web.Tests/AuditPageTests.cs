using System.Net;

namespace ParIndex.Web.Tests;

/// <summary>The administrator's page shows that the audit chain is intact, with its head; no one else may open it.</summary>
public sealed class AuditPageTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task AdministratorSeesTheChainIntact_WithItsHead_OthersAreRefused()
    {
        using var admin = await SignedInClients.CookieAsync(app.Factory, "quantri");
        using var secretary = await SignedInClients.CookieAsync(app.Factory, "thuky");

        var page = await admin.GetStringAsync("/admin/audit");

        Assert.Contains("data-intact=\"true\"", page, StringComparison.Ordinal);
        Assert.Contains("Chuỗi nhật ký nguyên vẹn", System.Net.WebUtility.HtmlDecode(page), StringComparison.Ordinal);
        Assert.Matches("id=\"audit-head\">#[0-9]+ [0-9a-f]{64}<", page);
        Assert.Contains("href=\"/admin/audit\"", page, StringComparison.Ordinal);
        var refused = await secretary.GetAsync("/admin/audit");
        Assert.True(refused.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, refused.StatusCode.ToString());
        Assert.DoesNotContain("href=\"/admin/audit\"", await secretary.GetStringAsync("/"), StringComparison.Ordinal);
    }
}
