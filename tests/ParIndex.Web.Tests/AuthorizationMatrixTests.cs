using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ParIndex.Core.Accounts;
using ParIndex.Core.Demo;

namespace ParIndex.Web.Tests;

/// <summary>
/// Each role × each endpoint against the real app and database: refused roles get 403 from the
/// policy (401 when not signed in); allowed roles get past it (the service may still refuse with an
/// explained 403 when the calendar or state does not allow the action, which is told apart by its detail).
/// </summary>
public sealed class AuthorizationMatrixTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Y = "2025";
    private const string Unit = $"/api/years/{Y}/units/{DemoAccounts.Unit}/assessment";
    private const string Everyone = "administrator,reporter,head,appraiser,secretary,viewer";

    public static TheoryData<string, string, string?, string> Endpoints => new()
    {
        { "GET", "/api/me", null, Everyone },
        { "GET", "/api/accounts", null, "administrator" },
        { "POST", "/api/accounts", "{}", "administrator" },
        { "POST", "/api/accounts/nobody/disable", """{"reason":"x"}""", "administrator" },
        { "POST", "/api/accounts/nobody/enable", """{"reason":"x"}""", "administrator" },
        { "POST", "/api/years", """{"year":1999}""", "administrator" },
        { "PUT", $"/api/years/{Y}/calendar", """{"openings":[]}""", "administrator" },
        { "POST", $"/api/years/{Y}/calendar/next-phase", "{}", "administrator,secretary" },
        { "PUT", $"/api/years/{Y}/units/SO01/extension", """{"phase":"selfAssessment","until":"2030-01-01T00:00:00Z","reason":""}""", "administrator" },
        { "POST", $"/api/years/{Y}/assignments", """{"userName":"nobody"}""", "administrator" },
        { "GET", $"/api/years/{Y}/assignments", null, "administrator" },
        { "DELETE", $"/api/years/{Y}/assignments/999999", null, "administrator" },
        { "PUT", "/api/accounts/nobody/works-at", """{"unitCode":null}""", "administrator" },
        { "POST", "/api/accounts/nobody/password-reset", null, "administrator" },
        { "POST", "/api/me/password", """{"currentPassword":"x","newPassword":""}""", Everyone },
        { "GET", $"/api/years/{Y}/dashboard", null, "administrator,secretary,viewer" },
        { "GET", Unit, null, Everyone },
        { "PUT", $"{Unit}/leaves/1.1.3/self", """{"input":{"kind":"yesNo","first":1},"version":0}""", "reporter,head" },
        { "POST", $"{Unit}/prefill", null, "reporter,head" },
        { "POST", $"{Unit}/submit", null, "reporter,head" },
        { "PUT", $"{Unit}/leaves/1.1.3/evidence/1", null, "reporter,head" },
        { "DELETE", $"{Unit}/leaves/1.1.3/evidence/1", null, "reporter,head" },
        { "PUT", $"{Unit}/leaves/1.1.3/appraisal", """{"decision":"accepted","version":0}""", "appraiser,secretary" },
        { "POST", $"{Unit}/accept-remaining", null, "appraiser,secretary" },
        { "POST", $"{Unit}/close-first-round", null, "appraiser,secretary" },
        { "PUT", $"{Unit}/leaves/1.1.3/response", """{"response":"x","version":0}""", "reporter,head" },
        { "POST", $"{Unit}/send-explanation", null, "reporter,head" },
        { "POST", $"{Unit}/finalise", null, "secretary" },
        { "POST", $"{Unit}/return", """{"reason":""}""", "secretary" },
        { "POST", $"{Unit}/reopen-first-round", """{"reason":""}""", "secretary" },
        { "POST", $"{Unit}/unfinalise", """{"reason":""}""", "secretary" },
        { "GET", $"{Unit}/leaves/1.1.3/history", null, Everyone },
        { "GET", $"/api/units/{DemoAccounts.Unit}/evidence", null, Everyone },
        { "POST", $"/api/units/{DemoAccounts.Unit}/evidence", "multipart", "reporter,head" },
        { "GET", "/evidence/999999", null, Everyone },
        { "PUT", "/api/evidence/999999", """{"documentNumber":"1"}""", "reporter,head" },
        { "DELETE", "/api/evidence/999999", null, "reporter,head" },
        { "GET", "/api/notifications", null, Everyone },
        { "POST", "/api/notifications/read", null, Everyone },
        { "GET", $"/api/years/{Y}/frameworks/1", null, Everyone },
        { "PUT", $"/api/years/{Y}/frameworks/1", """{"rows":[]}""", "administrator" },
        { "POST", $"/api/years/{Y}/frameworks/1/copy", """{"version":"","name":""}""", "administrator" },
        { "GET", $"/api/years/{Y}/frameworks/1/xlsx", null, Everyone },
        { "POST", $"/api/years/{Y}/frameworks/1/xlsx", "multipart", "administrator" },
        { "GET", $"/api/years/{Y}/frameworks/1/area-links", null, Everyone },
        { "PUT", $"/api/years/{Y}/frameworks/1/area-links", """{"earlierFrameworkId":0}""", "administrator" },
        { "POST", "/api/blocs", """{"code":"","name":""}""", "administrator" },
        { "GET", $"/api/years/{Y}/units", null, "administrator,secretary,viewer" },
        { "POST", $"/api/years/{Y}/units", """{"code":"","name":"","blocCode":"","frameworkId":0}""", "administrator" },
        { "PUT", $"/api/years/{Y}/units/SO01", """{"blocCode":"nope","frameworkId":0}""", "administrator" },
        { "POST", $"/api/years/{Y}/units/merge", """{"code":"X","name":"X","blocCode":"XA","predecessors":[]}""", "administrator" },
        { "GET", $"/api/years/{Y}/rankings", null, "public" },
        { "GET", $"/api/years/{Y}/units/SO01", null, "public" },
        { "GET", $"/api/years/{Y}/survey", null, "administrator,secretary,viewer" },
        { "POST", $"/api/years/{Y}/survey/responses", "multipart", "administrator,secretary" },
        { "POST", $"/api/years/{Y}/survey/score", "{}", "administrator,secretary" },
        { "GET", $"/api/years/{Y}/survey/plan", null, "administrator,secretary,viewer" },
        { "POST", $"/api/years/{Y}/survey/invitations", """{"unit":"","group":"","count":0}""", "administrator,secretary" },
        { "GET", "/khao-sat", null, "public" },
        { "GET", "/methodology", null, "public" },
        { "GET", "/api/years/1999/publication", null, "administrator,secretary,viewer" },
        { "PUT", $"{Unit}/leaves/1.5.1/final", """{"input":{"kind":"points","first":0},"reason":"x"}""", "secretary" },
        { "POST", "/api/years/1999/results", "multipart", "administrator" },
        { "POST", "/api/years/1999/publication/proposal", "{}", "secretary" },
        { "POST", "/api/years/1999/publication/decision", "{}", "administrator" },
        { "POST", "/api/years/1999/publication/rejection", "{}", "administrator" },
        { "POST", "/api/years/1999/publication/correction", "{}", "administrator" },
        { "PUT", "/api/years/1999/publication/awards", "{}", "administrator" },
        { "GET", "/ket-qua/2024", null, "public" },
        { "GET", "/ket-qua/2024/SO01", null, "public" },
        { "GET", "/blocs/SO?year=2024", null, "public" },
        { "GET", "/print/2024/ranking", null, "public" },
        { "GET", "/exports/2024/ranking.xlsx", null, "public" },
        { "POST", "/api/years/1999/blocs/SO/scorecards", null, "administrator,secretary,viewer" },
        { "GET", "/api/exports/jobs/nope", null, "administrator,secretary,viewer" },
        { "POST", "/api/exports/jobs/nope/cancel", null, "administrator,secretary,viewer" },
        { "POST", "/api/auth/token", """{"userName":"nobody","password":"x"}""", "sign-in" },
        { "POST", "/api/auth/refresh", """{"refreshToken":"x"}""", "sign-in" },
        { "GET", "/exports/1999/ranking.pdf", null, "public" },
        { "GET", "/exports/1999/units/SO01.pdf", null, "public" },
        { "GET", $"/exports/{Y}/units/{DemoAccounts.Unit}/khong-co.pdf", null, Everyone },
    };

    [Theory]
    [InlineData($"/years/{Y}/survey", "administrator,secretary,viewer")]
    [InlineData($"/years/{Y}/survey/plan", "administrator,secretary,viewer")]
    [InlineData($"/years/{Y}/survey/invitations", "administrator,secretary")]
    [InlineData($"/years/{Y}/publication", "administrator,secretary,viewer")]
    [InlineData($"/years/{Y}/assignments", "administrator")]
    [InlineData($"/exports/{Y}/detail.xlsx", "administrator,secretary,viewer")]
    [InlineData("/results/import", "administrator")]
    [InlineData("/blocs/SO/scorecards?year=2024", "administrator,secretary,viewer")]
    [InlineData("/blocs/NOPE/scorecards?year=2024", "administrator,secretary,viewer", 404)] // past the policy: no bloc NOPE
    [InlineData("/exports/jobs/nope/phieu.zip", "administrator,secretary,viewer", 404)] // past the policy: no such job
    [InlineData("/exports/2024/blocs/SO/scorecards.zip", "administrator,secretary,viewer", 302)] // the old link: to the page that makes the zip
    public async Task EachRole_OnEachSurveyPage_IsShownOrSentToTheDeniedPage(string path, string allowed, int shown = 200)
    {
        foreach (var (userName, _, role, _) in DemoAccounts.All)
        {
            using var client = await SignedInClients.CookieAsync(app.Factory, userName);
            var response = await client.GetAsync(path);
            if (allowed.Split(',').Contains(role))
            {
                Assert.True((int)response.StatusCode == shown, $"{role} {path}: {(int)response.StatusCode}");
            }
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
                Assert.StartsWith("/account/denied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task EachRole_OnEachEndpoint_IsAllowedOrRefusedByItsPolicy(string method, string path, string? body, string allowed)
    {
        if (allowed == "sign-in")
        {
            // The way in: open to all, and a wrong credential is the endpoint's own 401 with its reason, not the policy's.
            using var anyone = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
            var refused = await anyone.SendAsync(Request(method, path, body));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.True(HasDetail(await refused.Content.ReadAsStringAsync()), $"{method} {path}: a 401 without its reason");
            return;
        }

        using (var anonymous = app.Factory.CreateClient(new() { AllowAutoRedirect = false }))
        {
            var response = await anonymous.SendAsync(Request(method, path, body));
            if (allowed == "public")
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            }
            else if (path.StartsWith("/api/", StringComparison.Ordinal))
            {
                Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            }
            else
            {
                Assert.Equal(HttpStatusCode.Redirect, response.StatusCode); // a page or a download: to the sign-in page
                Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
            }
        }

        foreach (var (userName, _, role, _) in DemoAccounts.All)
        {
            using var client = await SignedInClients.BearerAsync(app.Factory, userName);
            var response = await client.SendAsync(Request(method, path, body));
            var content = await response.Content.ReadAsStringAsync();
            var mayPass = allowed == "public" || allowed.Split(',').Contains(role);
            if (mayPass)
            {
                Assert.NotEqual(HttpStatusCode.Unauthorized, response.StatusCode);
                if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    Assert.True(HasDetail(content), $"{role} {method} {path}: refused by policy although allowed");
                }
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden && !HasDetail(content),
                    $"{role} {method} {path}: expected the policy's 403, got {(int)response.StatusCode} {content}");
            }
        }
    }

    [Fact]
    public async Task UnitScope_AUnitsUsersSeeOnlyTheirUnit_AnAppraiserOnlyAssignedUnits()
    {
        using var reporter = await SignedInClients.BearerAsync(app.Factory, "nhaplieu");
        using var appraiser = await SignedInClients.BearerAsync(app.Factory, "thamdinh");
        using var viewer = await SignedInClients.BearerAsync(app.Factory, "lanhdao");

        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync($"/api/years/{Y}/units/SO03/assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"/api/years/{Y}/units/SO02/assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync("/api/units/SO02/evidence")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await appraiser.GetAsync($"/api/years/{Y}/units/SO05/assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await appraiser.GetAsync($"/api/years/{Y}/units/SO06/assessment")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await viewer.GetAsync($"/api/years/{Y}/units/XA20/assessment")).StatusCode);
        var forbidden = await reporter.GetAsync($"/api/years/{Y}/units/SO02/assessment");
        Assert.Contains("không có quyền", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_SignedInWithACookie_OpenByRole_AndAnonymousUsersAreSentToSignIn()
    {
        using var anonymous = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var toLogin = await anonymous.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.StartsWith("/account/login", toLogin.Headers.Location!.PathAndQuery, StringComparison.Ordinal);

        using var admin = await SignedInClients.CookieAsync(app.Factory, "quantri");
        using var viewer = await SignedInClients.CookieAsync(app.Factory, "lanhdao");
        using var reporter = await SignedInClients.CookieAsync(app.Factory, "nhaplieu");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/accounts")).StatusCode);
        var denied = await viewer.GetAsync("/admin/accounts");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
        Assert.StartsWith("/account/denied", denied.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        var dashboard = await viewer.GetStringAsync($"/years/{Y}/dashboard");
        Assert.Contains("Khối sở, ban, ngành", dashboard, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.GetAsync($"/years/{Y}/dashboard")).StatusCode); // to the reporter's own unit
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"/years/{Y}/units/SO02")).StatusCode);
        // A unit's papers follow its sheet: another unit's are refused, in print and as PDF.
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"/print/{Y}/units/SO02/bien-ban-tham-dinh")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reporter.GetAsync($"/exports/{Y}/units/SO02/bien-ban-tham-dinh.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reporter.GetAsync($"/print/{Y}/units/SO03/bao-cao-tu-danh-gia")).StatusCode);
        var own = await reporter.GetStringAsync($"/years/{Y}/units/SO03");
        Assert.Contains("Sở Tư pháp", own, StringComparison.Ordinal);
        Assert.Contains("Đã chốt", own, StringComparison.Ordinal); // the demo year is final
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LockTheAccount_ADisabledAccountCannotSignIn()
    {
        using var admin = await SignedInClients.BearerAsync(app.Factory, "quantri");
        var created = await admin.PostAsJsonAsync("/api/accounts", new NewAccount("khoa.thu", "Thử khóa", null, Roles.Viewer, null, "Abcdefgh12"));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var weak = await admin.PostAsJsonAsync("/api/accounts", new NewAccount("yeu.qua", "Yếu", null, Roles.Viewer, null, "short"));
        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Contains("10 ký tự", await weak.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var client = app.Factory.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/token", new { userName = "khoa.thu", password = "Wrong12345" })).StatusCode);
        }

        var locked = await client.PostAsJsonAsync("/api/auth/token", new { userName = "khoa.thu", password = "Abcdefgh12" });
        Assert.Equal(HttpStatusCode.Unauthorized, locked.StatusCode);
        Assert.Contains("Đăng nhập không thành công", await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("/api/accounts", new NewAccount("nghi.viec", "Nghỉ việc", null, Roles.Viewer, null, "Abcdefgh12"))).StatusCode);
        var signedIn = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nghi.viec", password = "Abcdefgh12" });
        using var tokens = JsonDocument.Parse(await signedIn.Content.ReadAsStringAsync());
        var refreshToken = tokens.RootElement.GetProperty("refreshToken").GetString();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync("/api/accounts/nghi.viec/disable", new { reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync("/api/accounts/nghi.viec/disable", new { reason = "Chuyển công tác" })).StatusCode);
        var disabled = await client.PostAsJsonAsync("/api/auth/token", new { userName = "nghi.viec", password = "Abcdefgh12" });
        Assert.Equal(HttpStatusCode.Unauthorized, disabled.StatusCode);
        Assert.Contains("Đăng nhập không thành công", await disabled.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken })).StatusCode);
        using var page = app.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var form = await SignedInClients.SignInAsync(page, "nghi.viec", "Abcdefgh12");
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        Assert.Contains("Đăng nhập không thành công", await form.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("PUT", Unit + "/leaves/1.1.3/self", "{}")]
    [InlineData("PUT", Unit + "/leaves/1.1.3/self", """{"input":{"kind":"banana"},"version":0}""")]
    [InlineData("PUT", Unit + "/leaves/1.1.3/self", """{"input":{"kind":"points","first":"abc"},"version":0}""")]
    [InlineData("PUT", Unit + "/leaves/1.1.3/self", "not json")]
    [InlineData("POST", "/api/auth/refresh", "{}")]
    [InlineData("POST", "/api/accounts", """{"userName":null,"fullName":null,"role":null,"password":null}""")]
    [InlineData("PUT", $"/api/years/{Y}/calendar", """{"openings":["2027-01-02T00:00:00Z","2027-01-01T00:00:00Z","2027-03-01T00:00:00Z","2027-04-01T00:00:00Z","2027-05-01T00:00:00Z"]}""")]
    [InlineData("POST", $"/api/years/{Y}/units/merge", """{"code":"X"}""")]
    public async Task BadBodies_AreAnsweredWith4xxAndAMessage_NeverA500(string method, string path, string body)
    {
        var user = path.Contains("/self", StringComparison.Ordinal) ? "nhaplieu" : "quantri";
        using var client = await SignedInClients.BearerAsync(app.Factory, user);

        var response = await client.SendAsync(Request(method, path, body));

        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.False(string.IsNullOrWhiteSpace(await response.Content.ReadAsStringAsync()));
    }

    internal static HttpRequestMessage Request(string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body == "multipart")
        {
            var content = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.4 test\n%%EOF\n"u8.ToArray()), "file", "matrix.pdf" } };
            request.Content = content;
        }
        else if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        return request;
    }

    internal static bool HasDetail(string content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return false;
        }

        using var json = JsonDocument.Parse(content);
        return json.RootElement.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 };
    }
}
