using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Account;

[Authorize(Policy = Policies.Public)]
public sealed class DeniedModel : PageModel
{
    public void OnGet() => Response.StatusCode = StatusCodes.Status403Forbidden;
}
