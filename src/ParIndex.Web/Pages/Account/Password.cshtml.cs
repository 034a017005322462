using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Account;

/// <summary>Changing one's own password (required first after an administrator set a temporary one).</summary>
[Authorize(Policy = Policies.Reader)]
public sealed class PasswordModel(AccountService accounts, SignInManager<ParIndexUser> signIn) : PageModel
{
    /// <summary>Sent here because the password is a temporary one.</summary>
    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? currentPassword, string? newPassword, string? confirmPassword, CancellationToken ct)
    {
        if (!string.Equals(newPassword, confirmPassword, StringComparison.Ordinal))
        {
            Problems = [new FieldProblem("confirmPassword", Messages.Get("PasswordsDiffer"))];
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var outcome = await accounts.ChangePasswordAsync(User.ToActor(), currentPassword, newPassword, ct);
        if (!outcome.Succeeded)
        {
            Problems = outcome.Problems;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await signIn.RefreshSignInAsync((ParIndexUser)outcome.Value!); // a fresh cookie: without the temporary-password mark
        TempData["Message"] = Messages.Get("PasswordChanged");
        return Redirect("/");
    }
}
