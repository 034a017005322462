using System.Net;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;
using ParIndex.Core.Demo;

namespace ParIndex.Web.Tests;

/// <summary>The survey on the web: the ranking's survey figures, importing through the page, the public form's refusals and rate limit.</summary>
public sealed class SurveyPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const int Year = DemoSeeder.CurrentYear;

    [Fact]
    public async Task Ranking_ShowsResponsesMarginsRankIntervals_AndLinksTheMethod()
    {
        using var anonymous = app.Factory.CreateClient();
        using var viewer = await SignedInClients.CookieAsync(app.Factory, "lanhdao");
        var page = await viewer.GetStringAsync($"/?year={Year}");

        Assert.Contains("Phiếu KS", page, StringComparison.Ordinal);
        Assert.Contains("Khoảng hạng (90%)", page, StringComparison.Ordinal);
        Assert.Matches(@"class=""rank-interval""[^>]*>\d+(–\d+)?<", page);
        Assert.Matches(@"<small class=""margin"">±\d+,\d%</small>", page);
        Assert.Contains("class=\"not-robust\"", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/methodology\"", page, StringComparison.Ordinal);
        var method = await anonymous.GetStringAsync("/methodology");
        Assert.Contains("bootstrap", method, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ThroughThePage_ReportsEveryBadLine_ThenImportsACleanFile_AndViewersCannot()
    {
        using var secretary = await SignedInClients.CookieAsync(app.Factory, "thuky");
        using var viewer = await SignedInClients.CookieAsync(app.Factory, "lanhdao");
        var page = await secretary.GetStringAsync($"/years/{Year}/survey");
        Assert.Contains("id=\"import-form\"", page, StringComparison.Ordinal);
        Assert.Contains("Tỷ lệ trả lời tích cực", page, StringComparison.Ordinal);

        var bad = await secretary.PostAsync($"/years/{Year}/survey?handler=Import",
            Upload("mã đơn vị,nhóm,mã phiếu,ND1\nSO01,nguoidan,web-1,6\nSO77,nguoidan,web-2,4\n", SignedInClients.Antiforgery(page), "web-bad.csv"));
        var report = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Tệp có 2 lỗi; chưa lưu phiếu nào", report, StringComparison.Ordinal);
        Assert.Matches(@"<td>2</td><td>D &#x27;ND1&#x27;</td><td>&quot;6&quot; không phải câu trả lời", report);
        Assert.Contains("SO77", report, StringComparison.Ordinal);

        var good = await secretary.PostAsync($"/years/{Year}/survey?handler=Import",
            Upload("mã đơn vị,nhóm,mã phiếu,ND1,ND6\nSO01,nguoidan,web-1,5,4\nSO02,Người dân,web-2,4,KB\n".Replace("KB", "3", StringComparison.Ordinal),
                SignedInClients.Antiforgery(page), "web-good.csv"));
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Contains("Đã nhập 2 phiếu mới", await good.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var viewerPage = await viewer.GetStringAsync($"/years/{Year}/survey");
        Assert.DoesNotContain("id=\"import-form\"", viewerPage, StringComparison.Ordinal);
        var refused = await viewer.PostAsync($"/years/{Year}/survey?handler=Import", Upload("x"u8.ToArray(), SignedInClients.Antiforgery(viewerPage), "x.csv"));
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SamplePlan_APopulationThatIsNotWholeIsRefused_AndGroupedThousandsAreRead()
    {
        using var secretary = await SignedInClients.CookieAsync(app.Factory, "thuky");
        var page = await secretary.GetStringAsync($"/years/{Year}/survey/plan");
        FormUrlEncodedContent Form(string population) => new(new Dictionary<string, string>
        {
            ["pop.SO09.nguoidan"] = population,
            ["__RequestVerificationToken"] = SignedInClients.Antiforgery(page),
        });

        var refused = await secretary.PostAsync($"/years/{Year}/survey/plan", Form("1.5"));
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("&quot;1.5&quot; (đơn vị SO09, nhóm nguoidan)", body, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"15\"", body, StringComparison.Ordinal);

        var saved = await secretary.PostAsync($"/years/{Year}/survey/plan", Form("12.500"));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("name=\"pop.SO09.nguoidan\" value=\"12500\"", await secretary.GetStringAsync($"/years/{Year}/survey/plan"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicForm_AWrongCodeGetsAClearPage_AndTooManyRequestsAreRefused()
    {
        using var anonymous = app.Factory.CreateClient();
        var wrong = await anonymous.GetAsync("/khao-sat/ZZZZ9999");
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
        Assert.Contains("Mã mời không đúng", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var limited = app.Factory.WithWebHostBuilder(b => b.UseSetting("ParIndex:PublicForm:RequestsPerMinute", "3"));
        using var client = limited.CreateClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            statuses.Add((await client.GetAsync("/khao-sat/ZZZZ9999")).StatusCode);
        }

        Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
        var refused = await client.GetAsync("/khao-sat");
        Assert.Contains("Quá nhiều yêu cầu", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.InRange(refused.Headers.RetryAfter?.Delta?.TotalSeconds ?? 0, 1, 60); // when to come back (issue 12, defect 8)
    }

    private static MultipartFormDataContent Upload(byte[] content, string token, string name) =>
        new() { { new ByteArrayContent(content), "file", name }, { new StringContent(token), "__RequestVerificationToken" } };

    private static MultipartFormDataContent Upload(string csv, string token, string name) => Upload(Encoding.UTF8.GetBytes(csv), token, name);
}
