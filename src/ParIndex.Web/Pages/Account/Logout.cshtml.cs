using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Accounts;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Account;

[Authorize(Policy = Policies.Reader)]
public sealed class LogoutModel(SignInManager<ParIndexUser> signIn) : PageModel
{
    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/");
    }
}
