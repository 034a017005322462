using Microsoft.AspNetCore.Antiforgery;
using Microsoft.Net.Http.Headers;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// The API's writes take a bearer token, or a sign-in cookie together with the antiforgery token (the
/// <c>RequestVerificationToken</c> header or the form's <c>__RequestVerificationToken</c> field, as the
/// app's pages send it). A cookie alone is what another site can make a browser send, so it never
/// writes: 400, nothing read or changed. Reads (GET, HEAD) are not writes and need no token.
/// </summary>
public static class ApiAntiforgery
{
    /// <summary>Middleware, after authentication and the account check.</summary>
    public static async Task ApplyAsync(HttpContext context, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (ErrorPage.IsApi(context) && IsWrite(context.Request.Method) && SignedInByCookie(context)
            && !await context.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(context))
        {
            await TypedResults.Problem(Core.Messages.Get("ApiAntiforgeryMissing"), statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
            return;
        }

        await next();
    }

    private static bool IsWrite(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method));

    /// <summary>Signed in, and not by a bearer token in the Authorization header (so by the cookie).</summary>
    private static bool SignedInByCookie(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && !context.Request.Headers[HeaderNames.Authorization].ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);
}
