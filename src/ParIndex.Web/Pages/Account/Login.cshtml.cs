using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Account;

/// <summary>Sign-in with user name and password; repeated failures lock the account for a while.</summary>
[Authorize(Policy = Policies.Public)]
public sealed class LoginModel(SignInManager<ParIndexUser> signIn) : PageModel
{
    [BindProperty, Required]
    public string UserName { get; set; } = "";

    [BindProperty, Required, DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var name = (UserName ?? "").Trim().ToLowerInvariant();
        var user = await signIn.UserManager.FindByNameAsync(name);
        if (user?.DisabledAt is not null)
        {
            Error = Messages.Get("AccountDisabled");
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(name, Password ?? "", isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            Error = Messages.Get(result.IsLockedOut ? "AccountLockedOut" : "SignInFailed");
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
