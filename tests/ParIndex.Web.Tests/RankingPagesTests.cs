using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Demo;
using ParIndex.Core.Results;

namespace ParIndex.Web.Tests;

public sealed partial class RankingPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Health_DatabaseAnswers_Returns200()
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Home_ShowsTheDemoYearRankingPerBloc_InVietnamese()
    {
        // A leader (viewer) sees the current year before it is published, marked as a draft.
        using var client = await SignedInClients.CookieAsync(app.Factory, "lanhdao");

        var html = await client.GetStringAsync("/");

        Assert.Contains($"Kết quả Chỉ số cải cách hành chính năm {DemoSeeder.CurrentYear}", html, StringComparison.Ordinal);
        Assert.Contains("Dữ liệu minh họa", html, StringComparison.Ordinal);
        Assert.Contains("Khối sở, ban, ngành", html, StringComparison.Ordinal);
        Assert.Contains("Khối xã, phường", html, StringComparison.Ordinal);
        Assert.Contains("Phường Hoàn Kiếm", html, StringComparison.Ordinal);
        Assert.Contains("<th scope=\"col\" data-sort=\"num\">Hạng</th>", html, StringComparison.Ordinal);
        Assert.Contains("id=\"draft\"", html, StringComparison.Ordinal);
        Assert.Contains($"So với năm {DemoSeeder.CurrentYear - 1}", html, StringComparison.Ordinal);
        Assert.Matches(VietnameseIndexCell(), html);
        Assert.Contains("class=\"tie\"", html, StringComparison.Ordinal);
        Assert.Contains("tăng ", html, StringComparison.Ordinal);
        Assert.Matches(@"số liệu cập nhật lúc \d{2}/\d{2}/\d{4} \d{2}:\d{2} \(giờ Việt Nam\)", html);
    }

    [Fact]
    public void VietnamTime_IsUtcPlus7_WrittenDayFirst() =>
        Assert.Equal("01/02/2026 03:30", ParIndex.Web.Infrastructure.Display.VietnamTime(new DateTimeOffset(2026, 1, 31, 20, 30, 0, TimeSpan.Zero)));

    [Theory]
    [InlineData("so tu phap", "Sở Tư pháp")] // typed without accents
    [InlineData("TƯ PHÁP", "Sở Tư pháp")]
    [InlineData("SO03", "Sở Tư pháp")]
    public async Task PublicRanking_FindsAUnitByName(string typed, string found)
    {
        using var anonymous = app.Factory.CreateClient();

        var html = System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync($"/ket-qua/2024?q={Uri.EscapeDataString(typed)}"));
        var rows = Regex.Matches(html, @"<tr[^>]*data-unit=""([^""]+)""").Count;

        Assert.Equal(1, rows);
        Assert.Contains(found, html, StringComparison.Ordinal);
        Assert.Contains("Không có đơn vị nào khớp", System.Net.WebUtility.HtmlDecode(await anonymous.GetStringAsync("/ket-qua/2024?q=khongco")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/ket-qua/2024/SO03")] // published: read from the snapshot
    [InlineData("/units/SO03?year=2025&draft=true")] // the live draft
    public async Task ScoreCard_SaysInputsInWords_LevelsByLabel_CountsWhole(string address)
    {
        using var viewer = await SignedInClients.CookieAsync(app.Factory, "lanhdao");

        var html = System.Net.WebUtility.HtmlDecode(await viewer.GetStringAsync(address));
        var inputs = Regex.Matches(html, @"<span class=""input"">([^<]*)</span>").Select(m => m.Groups[1].Value).ToList();

        Assert.NotEmpty(inputs);
        Assert.Contains(inputs, i => i is "Đúng hạn" or "Chậm hạn" or "Không thực hiện");
        Assert.DoesNotContain(inputs, i => i.StartsWith("mức ", StringComparison.Ordinal));
        Assert.Contains(inputs, i => Regex.IsMatch(i, @"^\d[\d.]*/\d[\d.]* \(\d+,\d{2}%\)$")); // 183/183 (100,00%), not 183,00/183,00
        Assert.DoesNotContain(inputs, i => i.Contains(",00/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_InEnglish_TranslatesTextAndNumbers()
    {
        using var client = await SignedInClients.CookieAsync(app.Factory, "lanhdao");

        var html = await client.GetStringAsync("/?culture=en&ui-culture=en");

        Assert.Contains($"Administrative Reform Index {DemoSeeder.CurrentYear}: results", html, StringComparison.Ordinal);
        Assert.Matches(EnglishIndexCell(), html);
    }

    [Fact]
    public async Task Home_UnknownYear_Says404()
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/?year=1999");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Không có năm đánh giá 1999", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RankingsApi_ReturnsBlocsRanksAndChanges()
    {
        using var client = await SignedInClients.BearerAsync(app.Factory, "lanhdao");

        var ranking = await client.GetFromJsonAsync<YearRanking>($"/api/years/{DemoSeeder.CurrentYear}/rankings", Json);

        Assert.NotNull(ranking);
        Assert.Equal(["SO", "XA"], ranking.Blocs.Select(b => b.Code));
        Assert.All(ranking.Blocs, b => Assert.Equal(1, b.Units[0].Rank));
        Assert.Contains(ranking.Blocs[0].Units, u => ranking.Blocs[0].Units.Count(o => o.Rank == u.Rank) > 1);
        Assert.All(ranking.Blocs.SelectMany(b => b.Units), u => Assert.Equal(Math.Round(u.Index, 2), u.Index));
    }

    [Fact]
    public async Task RankingsApi_UnknownYear_IsAProblem404()
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/api/years/1999/rankings");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("There is no assessment year 1999", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/years/abc/rankings")]
    [InlineData("/api/years/20255/units/SO01")]
    public async Task Api_YearThatIsNotAYear_Is400NamingIt(string path)
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("is not a year: write it with four digits", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/?year=abc")]
    [InlineData("/units/SO01?year=25")]
    public async Task Pages_YearThatIsNotAYear_Is400WithAVietnameseMessage(string path)
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("không phải là năm: hãy ghi năm bằng 4 chữ số", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DescribesTheRankingsEndpoint()
    {
        using var client = app.Factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/api/years/{year}/rankings", out _));
    }

    [Fact]
    public async Task OpenApi_DescribesEveryApiEndpoint()
    {
        using var client = app.Factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        var described = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToHashSet();

        var api = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + RouteConstraint().Replace(e.RoutePattern.RawText!.Trim('/'), ""))
            .Where(p => p.StartsWith("/api/", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.True(api.Count >= 30, $"only {api.Count} API routes");
        Assert.DoesNotContain(api, p => !described.Contains(p));
    }

    [GeneratedRegex(@":[a-z]+(?=\})")]
    private static partial Regex RouteConstraint();

    [Fact]
    public async Task ScoreCard_PageAndApi_ShowNotApplicableLeavesAndSubIndices()
    {
        using var client = await SignedInClients.CookieAsync(app.Factory, "lanhdao");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer",
            await SignedInClients.TokenAsync(app.Factory, "lanhdao"));
        var ranking = await client.GetFromJsonAsync<YearRanking>($"/api/years/{DemoSeeder.CurrentYear}/rankings", Json);
        var unit = ranking!.Blocs.SelectMany(b => b.Units).First(u => u.ApplicableMaximum < 100m);

        var html = await client.GetStringAsync($"/units/{unit.UnitCode}?year={DemoSeeder.CurrentYear}");
        using var card = JsonDocument.Parse(await client.GetStringAsync($"/api/years/{DemoSeeder.CurrentYear}/units/{unit.UnitCode}"));

        Assert.Contains($"<h1>{unit.UnitName}</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<span class=\"badge\">Không đánh giá</span>", html, StringComparison.Ordinal);
        Assert.Contains("Chỉ số thành phần (%)", html, StringComparison.Ordinal);
        var nodes = card.RootElement.GetProperty("nodes").EnumerateArray().ToList();
        Assert.Contains(nodes, n => n.GetProperty("notApplicable").GetBoolean() && n.GetProperty("inputKind").GetString() == "notApplicable");
        Assert.Contains(nodes, n => n.GetProperty("level").GetString() == "area" && n.GetProperty("subIndex").ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task ScoreCard_UnknownUnit_Is404()
    {
        using var client = app.Factory.CreateClient();

        var page = await client.GetAsync($"/units/NOPE?year={DemoSeeder.CurrentYear}");
        var api = await client.GetAsync($"/api/years/{DemoSeeder.CurrentYear}/units/NOPE");

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (page.StatusCode, api.StatusCode));
        Assert.Contains("Đơn vị NOPE không có kết quả năm", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void EveryEndpoint_NamesAnAuthorisationPolicy()
    {
        var endpoints = app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

        Assert.NotEmpty(endpoints);
        var withoutPolicy = endpoints
            .Where(e => !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)))
            .Select(e => e.RoutePattern.RawText)
            .ToList();
        Assert.Empty(withoutPolicy);
    }

    [Fact]
    public async Task UnmappedPath_IsDeniedByDefault()
    {
        using var client = app.Factory.CreateClient();

        var response = await client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [GeneratedRegex(@"<td class=""index"" data-v=""[0-9.]+"">\d{2,3},\d{2}</td>")]
    private static partial Regex VietnameseIndexCell();

    [GeneratedRegex(@"<td class=""index"" data-v=""[0-9.]+"">\d{2,3}\.\d{2}</td>")]
    private static partial Regex EnglishIndexCell();
}
