using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Publishing;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages;

/// <summary>
/// The page for every error a person meets outside the API (unknown address, refused, bad request, a
/// server error, a download that does not exist): what happened in Vietnamese, the reason when there is
/// one, and a way on (the home page, the published years they may read, sign-in).
/// </summary>
[Authorize(Policy = Policies.Public)]
[IgnoreAntiforgeryToken] // a refused form post is shown this page by re-execution, with its own method
public sealed class ErrorModel(ResultsReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public int Code { get; set; }

    /// <summary>Why, when the refusing endpoint said (e.g. "the results of 2099 are not published").</summary>
    public string? Detail { get; private set; }

    /// <summary>The address that failed.</summary>
    public string? Address { get; private set; }

    /// <summary>For a server error: the identifier to quote to the administrator.</summary>
    public string? TraceId { get; private set; }

    /// <summary>The years whose results the reader may open, latest first.</summary>
    public IReadOnlyList<int> Years { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Code = Code is >= 400 and <= 599 ? Code : StatusCodes.Status404NotFound;
        Detail = HttpContext.Items[ErrorPage.DetailKey] as string;
        var reexecute = HttpContext.Features.Get<IStatusCodeReExecuteFeature>();
        var exception = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (exception?.Error is { } error && ErrorPage.StatusOf(error) < 500)
        {
            Code = ErrorPage.StatusOf(error);
            Detail ??= ErrorPage.RefusedByDatabase(error) ? Core.Messages.Get("InputRefusedByDatabase") : null;
        }

        Address = reexecute is not null ? reexecute.OriginalPath + reexecute.OriginalQueryString : exception?.Path;
        if (Code >= 500)
        {
            TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        }

        try
        {
            Years = await reader.YearsAsync(User.ToActorOrNull(), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Years = []; // the error may be the database itself: the page still says what happened
        }

        Response.StatusCode = Code;
    }

    public Task OnPostAsync(CancellationToken ct) => OnGetAsync(ct);
}
