using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Account;

/// <summary>Sign-in with user name and password (<see cref="SignInGate"/>); repeated failures lock the account for a while.</summary>
[Authorize(Policy = Policies.Public)]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(SignInGate.RateLimitPolicy)]
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
        Error = await SignInGate.PasswordSignInAsync(signIn, UserName, Password);
        if (Error is not null)
        {
            return Page();
        }

        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
    }
}
