using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Years;

/// <summary>
/// Who appraises what in a year: each appraiser's units and areas, added and removed by the administrator;
/// an appraiser's own agency is refused (conflict of interest). Every change is audited.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class AssignmentsModel(AccountService accounts, ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    public bool YearExists { get; private set; }

    public IReadOnlyList<AppraiserRow> Appraisers { get; private set; } = [];

    public IReadOnlyList<AssignmentRow> Assignments { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Areas { get; private set; } = [];

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    /// <summary>The refused form ("assign", "worksAt"): it shows what was chosen.</summary>
    public string? FailedForm { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAssignAsync(string? userName, string? unitCode, string? areaCode, CancellationToken ct) =>
        await After(await accounts.AssignAsync(User.ToActor(), YearNumber, userName ?? "", unitCode, areaCode, ct), "assign", "AssignmentSaved", ct);

    public async Task<IActionResult> OnPostUnassignAsync(int id, CancellationToken ct) =>
        await After(await accounts.UnassignAsync(User.ToActor(), YearNumber, id, ct), "unassign", "AssignmentRemoved", ct);

    public async Task<IActionResult> OnPostWorksAtAsync(string? userName, string? unitCode, CancellationToken ct) =>
        await After(await accounts.SetWorksAtAsync(User.ToActor(), userName ?? "", unitCode, ct), "worksAt", "WorksAtSaved", ct);

    private int YearNumber => YearInput.TryParse(Year, out var y) ? y : 0;

    private async Task<IActionResult> After(Outcome outcome, string form, string message, CancellationToken ct)
    {
        if (outcome.Succeeded)
        {
            TempData["Message"] = Messages.Get(message);
            return Redirect($"/years/{YearNumber}/assignments");
        }

        Problems = outcome.Problems;
        FailedForm = form;
        await LoadAsync(ct);
        Response.StatusCode = outcome.Kind == OutcomeKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        YearExists = YearInput.TryParse(Year, out var year) && await db.Years.AnyAsync(y => y.Year == year, ct);
        if (!YearExists)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Appraisers = await accounts.AppraisersAsync(ct);
        Assignments = await accounts.AssignmentsAsync(year, ct);
        Units = (await db.YearUnits.Where(u => u.FrameworkId != null && db.Years.Any(y => y.Id == u.AssessmentYearId && y.Year == year))
                .OrderBy(u => u.Unit!.Code).Select(u => new { u.Unit!.Code, u.Unit.Name }).ToListAsync(ct))
            .Select(u => (u.Code, u.Name)).ToList();
        Areas = (await db.FrameworkNodes.Where(n => n.ParentId == null && db.Frameworks.Any(f => f.Id == n.FrameworkId && db.Years.Any(y => y.Id == f.AssessmentYearId && y.Year == year)))
                .Select(n => new { n.Code, n.Name }).ToListAsync(ct))
            .DistinctBy(a => a.Code).OrderBy(a => a.Code, StringComparer.Ordinal).Select(a => (a.Code, a.Name)).ToList();
        return Page();
    }
}
