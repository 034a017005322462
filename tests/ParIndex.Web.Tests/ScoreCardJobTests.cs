using System.Net;
using System.Text.Json;

namespace ParIndex.Web.Tests;

/// <summary>
/// A job of score cards that cannot print (here: the test server has no HTTP address for Chromium)
/// fails with a Vietnamese reason on its page and in the API, and the server goes on answering.
/// </summary>
public sealed class ScoreCardJobTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task AJobThatCannotPrint_FailsWithItsReason_AndTheServerGoesOn()
    {
        using var secretary = await SignedInClients.BearerAsync(app.Factory, "thuky");
        var started = await secretary.PostAsync($"/api/years/{Core.Demo.DemoSeeder.CurrentYear - 1}/blocs/SO/scorecards", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var status = started.Headers.Location!.OriginalString;

        JsonElement job = default;
        for (var i = 0; i < 100; i++)
        {
            job = JsonDocument.Parse(await secretary.GetStringAsync(status)).RootElement;
            if (job.GetProperty("state").GetString() is "failed" or "done")
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal("failed", job.GetProperty("state").GetString());
        Assert.Contains("Không in được PDF", job.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await secretary.GetAsync("/api/me")).StatusCode);

        using var page = await SignedInClients.CookieAsync(app.Factory, "thuky");
        var html = await page.GetStringAsync($"/blocs/SO/scorecards?year={Core.Demo.DemoSeeder.CurrentYear - 1}");
        Assert.Contains("Không in được PDF", html, StringComparison.Ordinal);
        Assert.Contains("id=\"card-start\"", html, StringComparison.Ordinal); // and it can be asked for again
    }

    [Theory]
    [InlineData("lanhdao", true)]
    [InlineData("thamdinh", false)] // an appraiser reads drafts but does not oversee every unit
    public async Task TheBlocPage_LinksTheCards_OnlyForThoseWhoMayMakeThem(string userName, bool linked)
    {
        using var client = await SignedInClients.CookieAsync(app.Factory, userName);
        var html = await client.GetStringAsync($"/blocs/SO?year={Core.Demo.DemoSeeder.CurrentYear - 1}");
        Assert.Equal(linked, html.Contains("/blocs/SO/scorecards", StringComparison.Ordinal));
    }
}
