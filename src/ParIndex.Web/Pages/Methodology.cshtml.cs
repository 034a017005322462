using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages;

/// <summary>How survey points, margins of error and the rank intervals are computed (public, like the ranking).</summary>
[Authorize(Policy = Policies.Public)]
public sealed class MethodologyModel : PageModel
{
    public void OnGet()
    {
    }
}
