using System.Net;
using System.Net.Http.Headers;
using ParIndex.Core.Demo;

namespace ParIndex.Web.Tests;

/// <summary>The framework page: read by everyone signed in, exported as a real workbook, imported back by an administrator.</summary>
public sealed class FrameworkPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const int Year = DemoSeeder.CurrentYear;

    [Fact]
    public async Task Framework_SaysEachRuleInWords_WithVietnameseNumbers()
    {
        using var viewer = await SignedInClients.CookieAsync(app.Factory, "lanhdao");

        var page = System.Net.WebUtility.HtmlDecode(await viewer.GetStringAsync($"/years/{Year}/framework"));
        var table = page[page.IndexOf("<table class=\"list framework\">", StringComparison.Ordinal)..page.IndexOf("</table>", StringComparison.Ordinal)];

        Assert.Contains("Theo tỷ lệ", table, StringComparison.Ordinal);
        Assert.Matches(@"Tỷ lệ ≥ \d+,\d{2}%: đủ điểm", table);
        Assert.Contains("Theo mức — ", table, StringComparison.Ordinal);
        Assert.Contains("Trừ 0,25 điểm mỗi lần", table, StringComparison.Ordinal);
        Assert.DoesNotContain("{\"", table, StringComparison.Ordinal); // no JSON parameters
        Assert.DoesNotMatch(@">\s*(tiered|rate|manual|deduction|yesno|bonuspenalty)\b", table);
    }

    [Fact]
    public async Task Framework_ExportedWorkbook_ImportsBackUnchanged_ABadOneIsRefusedWithItsLine()
    {
        using var admin = await SignedInClients.CookieAsync(app.Factory, "quantri");
        using var viewer = await SignedInClients.CookieAsync(app.Factory, "lanhdao");

        var page = await viewer.GetStringAsync($"/years/{Year}/framework");
        Assert.Contains("Công tác chỉ đạo, điều hành cải cách hành chính", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"add-node\"", page, StringComparison.Ordinal);
        var export = await viewer.GetAsync($"/years/{Year}/framework?handler=Export");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", export.Content.Headers.ContentType?.MediaType);
        var workbook = await export.Content.ReadAsByteArrayAsync();
        var refused = await viewer.PostAsync($"/years/{Year}/framework?handler=Import", Upload(workbook, Antiforgery(page)));
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/account/denied", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        var adminPage = await admin.GetStringAsync($"/years/{Year}/framework");
        Assert.Contains("id=\"add-node\"", adminPage, StringComparison.Ordinal);
        var imported = await admin.PostAsync($"/years/{Year}/framework?handler=Import", Upload(workbook, Antiforgery(adminPage)));
        Assert.Equal(HttpStatusCode.Redirect, imported.StatusCode);
        var after = await admin.GetStringAsync($"/years/{Year}/framework");
        Assert.Contains("Đã nhập bộ chỉ số", after, StringComparison.Ordinal);

        var bad = await admin.PostAsync($"/years/{Year}/framework?handler=Import",
            Upload("mã,mã cha,tên,điểm tối đa,thành phần,cách chấm\n1,,A,abc,,\n"u8.ToArray(), Antiforgery(after), "bad.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("bad.csv: dòng 2, cột D &#x27;điểm tối đa&#x27;: &#x27;abc&#x27; không phải là số", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static string Antiforgery(string html) => SignedInClients.Antiforgery(html);

    private static MultipartFormDataContent Upload(byte[] content, string token, string name = "bo-chi-so.xlsx")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", name }, { new StringContent(token), "__RequestVerificationToken" } };
    }
}
