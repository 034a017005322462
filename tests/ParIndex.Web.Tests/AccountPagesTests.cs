using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ParIndex.Core.Demo;

namespace ParIndex.Web.Tests;

/// <summary>A temporary password set by an administrator is changed before anything else; one's own password is changed on a page.</summary>
public sealed class AccountPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task ATemporaryPassword_LeadsToThePasswordForm_UntilChanged()
    {
        using var admin = await SignedInClients.BearerAsync(app.Factory, "quantri");
        var reset = await admin.PostAsync("/api/accounts/thutruong/password-reset", null);
        Assert.Equal(HttpStatusCode.OK, reset.StatusCode);
        var temporary = (await reset.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("temporaryPassword").GetString()!;
        using (var anonymous = app.Factory.CreateClient())
        {
            var old = await anonymous.PostAsJsonAsync("/api/auth/token", new { userName = "thutruong", password = DemoAccounts.Password });
            Assert.False(old.IsSuccessStatusCode); // the old password is gone
        }

        using var head = await SignedInClients.CookieAsync(app.Factory, "thutruong", temporary);
        var page = await head.GetAsync($"/years/{DemoSeeder.CurrentYear}/units/{DemoAccounts.Unit}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/password?required=true", page.Headers.Location!.OriginalString);
        var form = await head.GetStringAsync("/account/password?required=true");
        Assert.Contains("id=\"must-change\"", form, StringComparison.Ordinal);

        var differ = await head.PostAsync("/account/password", Form(form, ("currentPassword", temporary), ("newPassword", "Moi-Mat-Khau-2027"), ("confirmPassword", "Moi-Mat-Khau-2026")));
        Assert.Equal(HttpStatusCode.BadRequest, differ.StatusCode);
        Assert.Contains("không giống nhau", await differ.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var changed = await head.PostAsync("/account/password", Form(form, ("currentPassword", temporary), ("newPassword", "Moi-Mat-Khau-2027"), ("confirmPassword", "Moi-Mat-Khau-2027")));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await head.GetAsync($"/years/{DemoSeeder.CurrentYear}/units/{DemoAccounts.Unit}")).StatusCode);

        // Put the demo account back for the other tests of this class.
        var back = await head.PostAsync("/account/password", Form(await head.GetStringAsync("/account/password"),
            ("currentPassword", "Moi-Mat-Khau-2027"), ("newPassword", DemoAccounts.Password), ("confirmPassword", DemoAccounts.Password)));
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
    }

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([new("__RequestVerificationToken", SignedInClients.Antiforgery(page)), .. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))]);
}
