using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Units;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Years;

/// <summary>The units of a year: bloc and framework version of each, adding blocs and units, mergers with lineage.</summary>
[Authorize(Policy = Policies.Overview)]
public sealed class UnitsModel(UnitAdminService units, ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    public IReadOnlyList<UnitAdminService.Row> Rows { get; private set; } = [];

    public IReadOnlyList<Bloc> Blocs { get; private set; } = [];

    public IReadOnlyList<FrameworkVersion> Frameworks { get; private set; } = [];

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    /// <summary>The refused form's typed values (shown again in that form only).</summary>
    public RefusedForm Refused { get; private set; } = RefusedForm.None;

    /// <summary>Why the year's units cannot change (its results are proposed or published), or null.</summary>
    public string? LockedBecause { get; private set; }

    public bool CanEdit => User.IsInRole(Roles.Administrator) && LockedBecause is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostBlocAsync(string code, string name, CancellationToken ct) =>
        RunAsync(() => units.AddBlocAsync(User.ToActor(), code, name, ct), ct);

    public Task<IActionResult> OnPostAddAsync(string code, string name, string blocCode, int frameworkId, CancellationToken ct) =>
        RunAsync(() => units.AddUnitAsync(User.ToActor(), YearNumber, code, name, blocCode, frameworkId, ct), ct);

    public Task<IActionResult> OnPostSetAsync(string code, string blocCode, int frameworkId, CancellationToken ct) =>
        RunAsync(() => units.SetAsync(User.ToActor(), YearNumber, code, blocCode, frameworkId, ct), ct);

    public Task<IActionResult> OnPostMergeAsync(string code, string name, string blocCode, string[] predecessors, string? reason, CancellationToken ct) =>
        RunAsync(() => units.MergeAsync(User.ToActor(), YearNumber, code, name, blocCode, predecessors ?? [], reason, ct), ct);

    private int YearNumber => YearInput.TryParse(Year, out var y) ? y : 0;

    private async Task<IActionResult> RunAsync(Func<Task<Outcome>> action, CancellationToken ct)
    {
        if (!User.IsInRole(Roles.Administrator))
        {
            return Forbid();
        }

        var outcome = await action();
        if (outcome.Succeeded)
        {
            TempData["Message"] = Messages.Get("UnitsSaved");
            return Redirect($"/years/{YearNumber}/units");
        }

        Problems = outcome.Problems;
        Refused = RefusedForm.Of(Request);
        await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        if (!YearInput.TryParse(Year, out var year) || !await db.Years.AnyAsync(y => y.Year == year, ct))
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        var assessment = await db.Years.AsNoTracking().SingleAsync(y => y.Year == year, ct);
        LockedBecause = assessment.ResultsLocked ? await Core.Publishing.ResultsLock.MessageAsync(db, assessment, ct) : null;
        Rows = await units.ListAsync(year, ct);
        Blocs = await db.Blocs.AsNoTracking().OrderBy(b => b.SortOrder).ToListAsync(ct);
        Frameworks = await db.Frameworks.AsNoTracking().Where(f => db.Years.Any(y => y.Id == f.AssessmentYearId && y.Year == year)).ToListAsync(ct);
        return Page();
    }
}
