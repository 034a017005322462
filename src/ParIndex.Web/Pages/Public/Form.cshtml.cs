using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using ParIndex.Core;
using ParIndex.Core.Surveys;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Public;

/// <summary>
/// The public survey form, for phones and without sign-in: enter the invitation code (or open its
/// link / QR code), answer one question per screen (each answer saved at once), send. A code works
/// once; an unknown code gets a clear page. Rate-limited per address.
/// </summary>
[Authorize(Policy = Policies.Public)]
[EnableRateLimiting(PublicFormOptions.RateLimitPolicy)]
public sealed class FormModel(SurveyFormService forms) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>The question shown (0-based); the count means the review-and-send screen.</summary>
    [BindProperty(SupportsGet = true)]
    public int Q { get; set; }

    public SurveyForm? Form { get; private set; }

    /// <summary>Why the form cannot be shown: unknown code, or already used.</summary>
    public string? Refusal { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await ShowAsync(ct);

    /// <summary>The code typed on the start page.</summary>
    public IActionResult OnPostStart(string? code) =>
        string.IsNullOrWhiteSpace(code) ? Redirect("/khao-sat") : Redirect($"/khao-sat/{Uri.EscapeDataString(code.Trim().ToUpperInvariant())}");

    /// <summary>Saves the answer to question <see cref="Q"/> (none chosen: left unanswered) and moves on (or back).</summary>
    public async Task<IActionResult> OnPostAnswerAsync(string question, short? value, string? move, CancellationToken ct)
    {
        if (value is { } chosen)
        {
            var saved = await forms.AnswerAsync(Code, question, chosen, ct);
            if (!saved.Succeeded)
            {
                Problem = saved.Message;
                return await ShowAsync(ct, saved.Kind == OutcomeKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);
            }
        }

        var next = move == "back" ? Math.Max(0, Q - 1) : Q + 1;
        return Redirect($"/khao-sat/{Uri.EscapeDataString(Code ?? "")}?q={next}");
    }

    public async Task<IActionResult> OnPostSendAsync(CancellationToken ct)
    {
        var sent = await forms.SubmitAsync(Code, ct);
        if (sent.Succeeded)
        {
            return Redirect("/khao-sat/cam-on");
        }

        Problem = sent.Message;
        return await ShowAsync(ct, StatusCodes.Status400BadRequest);
    }

    private async Task<IActionResult> ShowAsync(CancellationToken ct, int status = StatusCodes.Status200OK)
    {
        if (string.IsNullOrWhiteSpace(Code))
        {
            return Page(); // the start page: type a code
        }

        Form = await forms.OpenAsync(Code, ct);
        if (Form is null)
        {
            Refusal = Messages.Get("SurveyCodeUnknown");
            Response.StatusCode = StatusCodes.Status404NotFound;
        }
        else if (Form.Submitted)
        {
            Refusal = Messages.Get("SurveyCodeUsed");
            Response.StatusCode = StatusCodes.Status410Gone;
        }
        else if (Form.Closed)
        {
            Refusal = Messages.Get("SurveyYearClosed", Form.Year); // said on the first screen, before any answer
            Response.StatusCode = StatusCodes.Status410Gone;
        }
        else
        {
            Q = Math.Clamp(Q, 0, Form.Questions.Count);
            Response.StatusCode = status;
        }

        return Page();
    }
}
