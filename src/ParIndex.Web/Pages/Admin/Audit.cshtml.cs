using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Admin;

/// <summary>The audit trail's own check, for the administrator: the chain from its first entry to its head, and every published version's seal.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AuditModel(ParIndexDbContext db) : PageModel
{
    public AuditTrailReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken ct) => Report = await AuditChain.VerifyTrailAsync(db, ct);
}
