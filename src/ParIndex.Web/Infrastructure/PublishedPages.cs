using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Primitives;
using ParIndex.Core.Publishing;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// Pages rendered from a published version (ranking, score cards, bloc overviews, methodology), kept in
/// memory by ASP.NET Core's output cache and served from there to everyone who is not signed in (ADR
/// 0016). A published version never changes, so a page is rendered once per address, language and
/// <see cref="PublishedGeneration"/>: a proposal, rejection, publication or correction moves the
/// generation, and the next request renders afresh. Each stored page has an ETag; a browser that sends
/// it back gets 304. Drafts, signed-in readers (whose pages show their own menu and the draft), searches
/// and addresses with unknown parameters are never stored.
/// </summary>
public sealed class PublishedPages(PublishedGeneration generation) : IOutputCachePolicy
{
    /// <summary>The policy's name on the pages (<c>[OutputCache(PolicyName = PublishedPages.Policy)]</c>).</summary>
    public const string Policy = "published";

    /// <summary>How long a page is kept at most: what is read beside the version (a merger recorded later) shows within this.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    private const string Marker = "ParIndex.PublishedPage";

    /// <summary>A known parameter with a longer value (or given twice) is not stored: such addresses are not links the pages make.</summary>
    private const int MaxValueLength = 20;

    /// <summary>The query parameters a published page may vary by; any other parameter means not stored.</summary>
    private static readonly string[] QueryKeys = ["year", "version", "class", "print", "code"];

    /// <summary>
    /// A page says so, before it renders, when what it shows is a published version (not a draft, not an
    /// error): it may be stored, and it gets its ETag and cache headers now (they leave with the first
    /// bytes of the body, before the cache sees the end of the response).
    /// </summary>
    public static void Mark(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.User.Identity?.IsAuthenticated == true)
        {
            return; // a signed-in reader's page carries their own menu: never public, never stored
        }

        context.Items[Marker] = true;
        var generation = context.RequestServices.GetRequiredService<PublishedGeneration>().Current;

        // The same address, language, encoding and generation always give the same bytes: the ETag names them.
        var identity = string.Join('\n', context.Request.Path.Value, context.Request.QueryString.Value, CultureInfo.CurrentUICulture.Name,
            EncodingOf(context.Request), generation.ToString(CultureInfo.InvariantCulture));
        var headers = context.Response.Headers;
        headers.ETag = $"\"{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)).AsSpan(0, 12))}\"";
        headers.CacheControl = "public, no-cache"; // kept by browsers, asked again each time (304 while unchanged)
        headers.Vary = "Cookie"; // the language is chosen by a cookie
    }

    ValueTask IOutputCachePolicy.CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var cacheable = (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            && http.User.Identity?.IsAuthenticated != true
            && StringValues.IsNullOrEmpty(request.Headers.Authorization)
            && request.Query.All(q => QueryKeys.Contains(q.Key, StringComparer.OrdinalIgnoreCase) && q.Value is [{ Length: <= MaxValueLength }]);
        context.EnableOutputCaching = cacheable;
        context.AllowCacheLookup = cacheable;
        context.AllowCacheStorage = cacheable;
        context.AllowLocking = true; // a crowd's first requests for a page wait for one rendering
        if (cacheable)
        {
            context.CacheVaryByRules.QueryKeys = QueryKeys;
            context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
            context.CacheVaryByRules.VaryByValues["encoding"] = EncodingOf(request);
            context.CacheVaryByRules.VaryByValues["generation"] = generation.Current.ToString(CultureInfo.InvariantCulture);
            context.ResponseExpirationTimeSpan = Lifetime;
            context.Tags.Add(Policy);
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Whether a request is for a published page that the cache may hold: not signed in, GET or HEAD, a
    /// page with this policy. Such pages are compressed (once, when stored: <see cref="WebSetup"/> puts
    /// the compression inside the cache), so a national ranking of 4,000 rows leaves as a few hundred KB.
    /// Other pages are not compressed (a page with a secret token is not given to BREACH).
    /// </summary>
    public static bool Compressible(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.User.Identity?.IsAuthenticated != true
            && context.GetEndpoint()?.Metadata.GetMetadata<OutputCacheAttribute>() is { PolicyName: Policy };
    }

    /// <summary>The encoding the response compression will choose for this request: Brotli, else gzip, else none.</summary>
    private static string EncodingOf(HttpRequest request)
    {
        var accepted = request.Headers.AcceptEncoding.ToString();
        return accepted.Contains("br", StringComparison.OrdinalIgnoreCase) ? "br"
            : accepted.Contains("gzip", StringComparison.OrdinalIgnoreCase) ? "gzip"
            : "identity";
    }

    ValueTask IOutputCachePolicy.ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <summary>Called once the page has been written: stored only if it said it shows a published version, with no cookie.</summary>
    ValueTask IOutputCachePolicy.ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var response = http.Response;
        if (response.StatusCode != StatusCodes.Status200OK || !http.Items.ContainsKey(Marker)
            || !StringValues.IsNullOrEmpty(response.Headers.SetCookie))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
