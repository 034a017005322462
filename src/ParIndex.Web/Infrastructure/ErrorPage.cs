namespace ParIndex.Web.Infrastructure;

/// <summary>
/// Errors that people see: pages and downloads answer with the Vietnamese error page (<c>/error/{code}</c>,
/// re-executed by the status-code middleware, with a way on), the API with ProblemDetails. An endpoint
/// outside the API refuses with <see cref="Problem"/>: the status without a body, and the reason for the page.
/// </summary>
public static class ErrorPage
{
    /// <summary>The <see cref="HttpContext.Items"/> key of the reason the error page shows.</summary>
    public const string DetailKey = "ParIndex.ErrorDetail";

    /// <summary>Requests answered in JSON: the API, the OpenAPI document, health.</summary>
    public static bool IsApi(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = context.Request.Path;
        return path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/openapi", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A refusal shown on the error page: <paramref name="status"/> and the reason in the reader's language.</summary>
    public static IResult Problem(int status, string detail) => new Refusal(status, detail);

    private sealed class Refusal(int status, string detail) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => status;

        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Items[DetailKey] = detail;
            httpContext.Response.StatusCode = status;
            return Task.CompletedTask; // no body: the status-code middleware renders the page
        }
    }
}
