using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using ParIndex.Core.Demo;

namespace ParIndex.Web.Tests;

/// <summary>Clients of the demo app signed in as the demo accounts: with a bearer token (API) or a cookie (pages).</summary>
public static partial class SignedInClients
{
    public static async Task<string> TokenAsync(WebApplicationFactory<Program> factory, string userName, string password = DemoAccounts.Password)
    {
        using var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    public static async Task<HttpClient> BearerAsync(WebApplicationFactory<Program> factory, string userName)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(factory, userName));
        return client;
    }

    /// <summary>Signs in through the real sign-in form (antiforgery token and all); the client keeps the cookie.</summary>
    public static async Task<HttpClient> CookieAsync(WebApplicationFactory<Program> factory, string userName, string password = DemoAccounts.Password)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await SignInAsync(client, userName, password);
        if (response.StatusCode != System.Net.HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {userName} failed: {response.StatusCode}");
        }

        return client;
    }

    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password)
    {
        var form = await client.GetStringAsync("/account/login");
        return await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = Antiforgery(form),
        }));
    }

    public static string Antiforgery(string html) => AntiforgeryField().Match(html).Groups[1].Value;

    [GeneratedRegex(@"name=""__RequestVerificationToken"" type=""hidden"" value=""([^""]+)""")]
    private static partial Regex AntiforgeryField();
}
