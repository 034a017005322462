using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Core.Publishing;

namespace ParIndex.Web.Tests;

/// <summary>
/// Published pages are rendered once and served from memory to readers who are not signed in, with an
/// ETag (304 on revalidation) and compressed once; signed-in readers and drafts are never stored; a
/// correction's new version replaces the stored pages at once (issue 13, ADR 0016).
/// </summary>
public sealed class PublishedPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const int Previous = DemoSeeder.CurrentYear - 1;

    [Fact]
    public async Task Anonymous_GetsTheStoredPage_RevalidatesWith304_CompressedOnce_AndANewVersionReplacesIt()
    {
        using var client = app.Factory.CreateClient();
        foreach (var path in new[] { $"/ket-qua/{Previous}", $"/ket-qua/{Previous}/SO03", $"/blocs/XA?year={Previous}" })
        {
            using var first = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            var etag = first.Headers.ETag;
            Assert.NotNull(etag);
            Assert.True(first.Headers.CacheControl is { Public: true, NoCache: true }, path);
            var html = await first.Content.ReadAsStringAsync();

            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(etag);
            using var revalidated = await client.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, revalidated.StatusCode);
            Assert.Empty(await revalidated.Content.ReadAsByteArrayAsync());

            // A browser's request: Brotli, the same page once decompressed, under its own ETag.
            using var browser = new HttpRequestMessage(HttpMethod.Get, path);
            browser.Headers.AcceptEncoding.ParseAdd("gzip, deflate, br");
            using var compressed = await client.SendAsync(browser);
            Assert.Equal(["br"], compressed.Content.Headers.ContentEncoding);
            Assert.NotEqual(etag, compressed.Headers.ETag);
            var bytes = await compressed.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.Length * 2 < System.Text.Encoding.UTF8.GetByteCount(html), $"{path}: {bytes.Length} bytes compressed");
            await using var brotli = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
            Assert.Equal(html, await new StreamReader(brotli).ReadToEndAsync());
        }

        // A correction published as version 2: the next anonymous request renders it, under a new ETag.
        using var before = await client.GetAsync($"/ket-qua/{Previous}");
        Assert.Contains("(phiên bản 1)", await before.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await PublishCorrectionAsync();
        using var after = await client.GetAsync($"/ket-qua/{Previous}");
        var corrected = await after.Content.ReadAsStringAsync();
        Assert.Contains("(phiên bản 2)", corrected, StringComparison.Ordinal);
        Assert.Contains("Đính chính số liệu của một đơn vị", corrected, StringComparison.Ordinal);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        using var stale = new HttpRequestMessage(HttpMethod.Get, $"/ket-qua/{Previous}");
        stale.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task SignedInReaders_Drafts_AndSearches_AreNeverStoredOrShared()
    {
        using var anonymous = app.Factory.CreateClient();
        (await anonymous.GetAsync($"/ket-qua/{Previous}")).Dispose(); // stored for the public

        using var secretary = await SignedInClients.CookieAsync(app.Factory, "thuky");
        using var staff = await secretary.GetAsync($"/ket-qua/{Previous}");
        var page = await staff.Content.ReadAsStringAsync();
        Assert.Contains("/account/logout", page, StringComparison.Ordinal); // their own menu, not the public's page
        Assert.Null(staff.Headers.ETag);
        Assert.False(staff.Headers.CacheControl?.Public ?? false);
        Assert.Empty(staff.Content.Headers.ContentEncoding);

        // The public never gets a signed-in reader's page, even right after one was rendered.
        using var publicPage = await anonymous.GetAsync($"/ket-qua/{Previous}");
        Assert.DoesNotContain("/account/logout", await publicPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The draft, a search and an address with a parameter the page does not know are rendered each time.
        using var draft = await secretary.GetAsync($"/?year={DemoSeeder.CurrentYear}&draft=true");
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Null(draft.Headers.ETag);
        // So are a class the year does not have and a known parameter given twice: made-up addresses do not fill the cache.
        foreach (var path in new[] { $"/ket-qua/{Previous}?q=so", $"/ket-qua/{Previous}?utm=1", $"/ket-qua/{Previous}?class=khong-co",
                     $"/ket-qua/{Previous}?class=A&class=B" })
        {
            using var first = await anonymous.GetAsync(path);
            using var again = new HttpRequestMessage(HttpMethod.Get, path);
            again.Headers.IfNoneMatch.Add(first.Headers.ETag ?? new EntityTagHeaderValue("\"none\""));
            Assert.Equal(HttpStatusCode.OK, (await anonymous.SendAsync(again)).StatusCode);
        }
    }

    [Fact]
    public async Task Methodology_AndThePublishedFiles_AreKept_WithTheirETag()
    {
        using var client = app.Factory.CreateClient();
        // (The PDFs, printed by Chromium from a real server, are checked the same way in PublicationJourneyTests.)
        foreach (var path in new[] { "/methodology", $"/exports/{Previous}/ranking.xlsx" })
        {
            using var first = await client.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
            Assert.True(first.Headers.ETag is not null, path);
            var body = await first.Content.ReadAsByteArrayAsync();
            using var again = await client.GetAsync(path);
            Assert.Equal(body, await again.Content.ReadAsByteArrayAsync());
            using var revalidate = new HttpRequestMessage(HttpMethod.Get, path);
            revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
            Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);
        }

        // The draft's annex is the staff's, printed each time.
        using var secretary = await SignedInClients.CookieAsync(app.Factory, "thuky");
        using var draft = await secretary.GetAsync($"/exports/{DemoSeeder.CurrentYear}/ranking.xlsx?draft=true");
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Null(draft.Headers.ETag);
    }

    private async Task PublishCorrectionAsync()
    {
        using var scope = app.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        async Task<Actor> ActorAsync(string name, string role) =>
            new(await db.Users.Where(u => u.UserName == name).Select(u => u.Id).SingleAsync(), name, role, null);
        var publications = scope.ServiceProvider.GetRequiredService<PublicationService>();
        var admin = await ActorAsync("quantri", Roles.Administrator);
        Assert.True((await publications.OpenCorrectionAsync(admin, Previous, "Đính chính số liệu của một đơn vị")).Succeeded);
        Assert.True((await publications.ProposeAsync(await ActorAsync("thuky", Roles.Secretary), Previous, null)).Succeeded);
        var published = await publications.PublishAsync(admin, Previous, "99/QĐ-UBND", "20/11/2026");
        Assert.True(published.Succeeded, published.Message);
    }
}
