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

    /// <summary>
    /// Input the database refused that a service's own checks let through (a NUL byte, a text past a
    /// column's length or check): the caller's mistake, a 400 and not a 500. Services name the field
    /// first; this is the net under them.
    /// </summary>
    public static bool RefusedByDatabase(Exception? error)
    {
        for (; error is not null; error = error.InnerException)
        {
            if (error is Npgsql.PostgresException { SqlState: "22001" or "22021" or "22P05" or "54000" or "23514" })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The status an exception answers: a request that cannot be read or data the database refuses is 400, the rest 500.</summary>
    public static int StatusOf(Exception error) =>
        error is BadHttpRequestException bad ? bad.StatusCode
        : RefusedByDatabase(error) ? StatusCodes.Status400BadRequest
        : StatusCodes.Status500InternalServerError;

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
