using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Admin;

/// <summary>Accounts: create (role, unit for unit roles), disable and re-enable with a reason.</summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AccountsModel(AccountService accounts, ParIndexDbContext db) : PageModel
{
    public IReadOnlyList<AccountRow> Accounts { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    /// <summary>After a reset: whose password, and the temporary one (shown on this answer only, never stored in clear).</summary>
    public (string UserName, string Password)? Temporary { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(string? userName, string? fullName, string? email, string? role, string? unitCode,
        string? password, CancellationToken ct)
    {
        var outcome = await accounts.CreateAsync(User.ToActor(),
            new NewAccount(userName ?? "", fullName ?? "", email, role ?? "", string.IsNullOrWhiteSpace(unitCode) ? null : unitCode, password ?? ""), ct);
        return await After(outcome, Messages.Get("AccountCreated", userName), ct);
    }

    public async Task<IActionResult> OnPostDisableAsync(string userName, bool disable, string? reason, CancellationToken ct) =>
        await After(await accounts.SetDisabledAsync(User.ToActor(), userName, disable, reason, ct),
            Messages.Get(disable ? "AccountDisabledDone" : "AccountEnabledDone", userName), ct);

    public async Task<IActionResult> OnPostResetAsync(string userName, CancellationToken ct)
    {
        var outcome = await accounts.ResetPasswordAsync(User.ToActor(), userName, ct);
        if (!outcome.Succeeded)
        {
            return await After(outcome, "", ct);
        }

        Temporary = (userName, (string)outcome.Value!);
        Response.Headers.CacheControl = "no-store";
        await LoadAsync(ct);
        return Page();
    }

    private async Task<IActionResult> After(Outcome outcome, string message, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            TempData["Message"] = message;
            return RedirectToPage();
        }

        Problems = outcome.Problems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Accounts = await accounts.ListAsync(ct);
        Units = (await db.Units.Where(u => u.IsActive).OrderBy(u => u.Code).Select(u => new { u.Code, u.Name }).ToListAsync(ct))
            .Select(u => (u.Code, u.Name)).ToList();
    }
}
