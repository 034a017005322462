using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Public;

/// <summary>The thank-you page after a response is sent.</summary>
[Authorize(Policy = Policies.Public)]
public sealed class ThanksModel : PageModel
{
    public void OnGet()
    {
    }
}
