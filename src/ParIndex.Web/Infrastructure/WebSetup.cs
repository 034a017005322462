using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;

using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ParIndex.Web.Infrastructure;

/// <summary>The web host's services and pipeline, kept out of Program.cs.</summary>
public static class WebSetup
{
    public static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");
    public static readonly CultureInfo English = CultureInfo.GetCultureInfo("en");

    private const string ChallengeScheme = "ParIndex.Challenge";

    public static IServiceCollection AddParIndexWeb(this IServiceCollection services)
    {
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        // Write Vietnamese letters as themselves, not as &#x...; entities (still HTML-safe).
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddRazorPages(o =>
        {
            // The public results of a published year, at addresses that read well in a decision.
            o.Conventions.AddPageRoute("/Index", "ket-qua/{year}");
            o.Conventions.AddPageRoute("/Units/ScoreCard", "ket-qua/{year}/{code}");
        }).AddViewLocalization();
        // A body that cannot be read (not JSON, a wrong type, an unknown word) is the caller's mistake:
        // 400 with what and where (e.g. "… could not be converted to LeafInputKind. Path: $.input.kind").
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true); // in every environment, so the handler below words it
        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
        {
            var error = c.Exception ?? c.HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
            if (error is BadHttpRequestException bad)
            {
                c.ProblemDetails.Status = bad.StatusCode;
                c.ProblemDetails.Title = Core.Messages.Get("RequestUnreadable");
                c.ProblemDetails.Detail = bad.InnerException is { } inner ? $"{bad.Message} {inner.Message}" : bad.Message;
            }
            else if (ErrorPage.RefusedByDatabase(error))
            {
                c.ProblemDetails.Status = StatusCodes.Status400BadRequest;
                c.ProblemDetails.Title = Core.Messages.Get("RequestUnreadable");
                c.ProblemDetails.Detail = Core.Messages.Get("InputRefusedByDatabase");
            }
        });
        // Enums in the API as words ("notApplicable", "survey"), not numbers.
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddOpenApi();
        services.AddHealthChecks().AddDbContextCheck<ParIndexDbContext>("database");
        // Identity: cookie sign-in for pages, Identity's own bearer tokens for API clients (one scheme picks by header).
        services.AddIdentityApiEndpoints<ParIndexUser>(AccountService.ConfigureIdentity)
            .AddRoles<IdentityRole<int>>()
            .AddEntityFrameworkStores<ParIndexDbContext>()
            .AddClaimsPrincipalFactory<ParIndexClaimsFactory>();
        // Identity authenticates by bearer token or cookie; challenges and refusals are answered per
        // kind of request: the API with 401/403, pages by the sign-in and access-denied pages.
        services.AddAuthentication(o =>
            {
                o.DefaultChallengeScheme = ChallengeScheme;
                o.DefaultForbidScheme = ChallengeScheme;
            })
            .AddPolicyScheme(ChallengeScheme, null, o => o.ForwardDefaultSelector = c =>
                c.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme);
        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = AccountCheck.CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            // The API answers with status codes, pages redirect to the sign-in page.
            o.Events.OnRedirectToLogin = c => Answer(c, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = c => Answer(c, StatusCodes.Status403Forbidden);
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorizationBuilder().AddParIndexPolicies();
        services.AddHttpContextAccessor();
        services.AddScoped<Navigation>();
        services.AddHostedService<Features.Notifications.NotificationWorker>();
        services.AddHostedService<Features.Surveys.SurveyRepair>();
        services.Configure<FormOptions>(o => o.MultipartBodyLengthLimit = 64L * 1024 * 1024);
        services.AddOptions<PublicFormOptions>().BindConfiguration(PublicFormOptions.Section);
        services.AddOptions<SignInOptions>().BindConfiguration(SignInOptions.Section);
        services.AddOptions<Printing.PdfOptions>().BindConfiguration(Printing.PdfOptions.Section);
        services.AddSingleton<Printing.PrintTokens>();
        services.AddSingleton<Printing.PdfPrinter>();
        services.AddSingleton<Features.Exports.ScoreCardJobs>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Exports.ScoreCardJobs>());
        services.AddOutputCache(o => o.AddPolicy(PublishedPages.Policy, b => b.AddPolicy<PublishedPages>(), excludeDefaultPolicy: true));
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true; // only public pages reach it (PublishedPages.Compressible): no secret to guess
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProvider>();
            o.Providers.Add<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProvider>();
        });
        services.Configure<Microsoft.AspNetCore.ResponseCompression.BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.Configure<Microsoft.AspNetCore.ResponseCompression.GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Optimal);
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Per client address, a fixed window: plenty for a person answering, not for guessing codes.
            o.AddPolicy(PublicFormOptions.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<PublicFormOptions>>().Value.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
            // PDFs cost Chromium time: per address, so that one reader cannot keep the printer busy for everyone.
            o.AddPolicy(Printing.PdfOptions.RateLimitPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = context.RequestServices.GetRequiredService<IOptions<Printing.PdfOptions>>().Value.RequestsPerMinute,
                    Window = TimeSpan.FromMinutes(1),
                }));
            // Password sign-in, page and token endpoint sharing one budget per address; viewing the sign-in page is free.
            o.AddPolicy(SignInGate.RateLimitPolicy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("view")
                : RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = context.RequestServices.GetRequiredService<IOptions<SignInOptions>>().Value.AttemptsPerMinute,
                        Window = TimeSpan.FromMinutes(1),
                    }));
            o.OnRejected = (rejected, cancellationToken) =>
            {
                // When to come back: the limiter knows (the end of the window); a minute if it does not say.
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retry.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                rejected.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                return new ValueTask(rejected.HttpContext.Response.WriteAsync(Core.Messages.Get("TooManyRequests"), cancellationToken));
            };
        });
        return services;
    }

    private static Task Answer(RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(context.RedirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// No database connection to be had in time (this process's pool is exhausted, or the server has no
    /// slot left): 503 with Retry-After and a Vietnamese reason, not a 500. The caller may try again.
    /// </summary>
    private static async Task ServerBusy(HttpContext context, Func<Task> next)
    {
        try
        {
            await next();
        }
        catch (Exception e) when (Overloaded(e) && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ParIndex.ServerBusy")
                .LogWarning("No database connection for {Path}: {Message}", context.Request.Path, e.Message);
            context.Response.Clear();
            context.Response.Headers.RetryAfter = "5";
            if (ErrorPage.IsApi(context))
            {
                await TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, detail: Core.Messages.Get("ServerBusy")).ExecuteAsync(context);
            }
            else
            {
                context.Items[ErrorPage.DetailKey] = Core.Messages.Get("ServerBusy");
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable; // the error page says it in words
            }
        }
    }

    private static bool Overloaded(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is Npgsql.PostgresException { SqlState: "53300" } // too many clients already
                || (e is Npgsql.NpgsqlException && e.InnerException is TimeoutException)) // the pool gave no connection in time
            {
                return true;
            }
        }

        return false;
    }

    public static WebApplication UseParIndexWeb(this WebApplication app)
    {
        // Errors: the API answers ProblemDetails; pages and downloads the Vietnamese error page with a way on.
        static int StatusOf(Exception e) => ErrorPage.StatusOf(e);
        static bool ClientMistake(Microsoft.AspNetCore.Diagnostics.ExceptionHandlerSuppressDiagnosticsContext c) => ErrorPage.StatusOf(c.Exception) < 500; // not a server error
        app.UseWhen(ErrorPage.IsApi, api =>
        {
            api.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = StatusOf, SuppressDiagnosticsCallback = ClientMistake });
            api.UseStatusCodePages();
        });
        app.UseWhen(c => !ErrorPage.IsApi(c), pages =>
        {
            pages.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error/500", StatusCodeSelector = StatusOf, SuppressDiagnosticsCallback = ClientMistake,
            });
            pages.UseStatusCodePagesWithReExecute("/error/{0}");
        });
        app.Use(ServerBusy);
        app.Use(SecurityHeaders);
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(Vietnamese),
            SupportedCultures = [Vietnamese, English],
            SupportedUICultures = [Vietnamese, English],
            RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()],
        });
        app.Use(RememberCulture);
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use(app.Services.GetRequiredService<Printing.PrintTokens>().ApplyAsync); // the app's own Chromium printing a page
        app.Use(AccountCheck.ApplyAsync); // a disabled or changed account's sessions and tokens end at once
        app.Use(ApiAntiforgery.ApplyAsync); // the API's writes: a bearer token, or the cookie with its antiforgery token
        app.Use(PasswordFirst);
        app.UseAuthorization();
        app.UseOutputCache(); // published pages for readers who are not signed in (PublishedPages)
        app.UseWhen(PublishedPages.Compressible, published => published.UseResponseCompression()); // inside the cache: compressed once

        app.MapRazorPages(); // each page names its policy with [Authorize(Policy = ...)]
        // A page address that matches nothing is a 404 page for everyone, not a sign-in redirect from the
        // fallback authorization policy; under /api an unmapped path stays denied by default (401/403).
        app.MapFallback("{*path:regex(^(?!(api|openapi|health)(/|$)).*$)}", context =>
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }).RequireAuthorization(Policies.Public);
        app.MapOpenApi().RequireAuthorization(Policies.Public);
        app.MapHealthChecks("/health").RequireAuthorization(Policies.Public);
        return app;
    }

    /// <summary>
    /// A person signed in with a temporary password (set by an administrator) chooses their own first: every
    /// page but the password form, sign-out and the error page leads there.
    /// </summary>
    private static Task PasswordFirst(HttpContext context, Func<Task> next)
    {
        var path = context.Request.Path;
        if (context.User.HasClaim(ParIndexClaimsFactory.MustChangePasswordClaim, "true") && !ErrorPage.IsApi(context)
            && !path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
            && !path.StartsWithSegments("/error", StringComparison.OrdinalIgnoreCase)
            && !Path.HasExtension(path.Value))
        {
            context.Response.Redirect("/account/password?required=true");
            return Task.CompletedTask;
        }

        return next();
    }

    /// <summary>
    /// Scripts, styles, fonts and images of pages only from the app itself (no inline script or style,
    /// no plug-ins, no framing, forms post only here). Applied to HTML: evidence PDFs and images open in
    /// the browser's own viewer.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>No MIME sniffing (evidence is served with its checked type), no framing, no referrer leaks; the CSP on pages.</summary>
    private static Task SecurityHeaders(HttpContext context, Func<Task> next)
    {
        context.Response.Headers.XContentTypeOptions = "nosniff";
        context.Response.Headers.XFrameOptions = "DENY";
        context.Response.Headers["Referrer-Policy"] = "same-origin";
        context.Response.OnStarting(() =>
        {
            if (context.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true)
            {
                context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            }

            return Task.CompletedTask;
        });
        return next();
    }

    /// <summary>A culture chosen with <c>?culture=</c> is kept in a cookie for the following requests.</summary>
    private static Task RememberCulture(HttpContext context, Func<Task> next)
    {
        if (context.Request.Query.ContainsKey("culture") && context.Features.Get<IRequestCultureFeature>() is { } feature)
        {
            context.Response.Cookies.Append(
                CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(feature.RequestCulture),
                new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        }

        return next();
    }
}
