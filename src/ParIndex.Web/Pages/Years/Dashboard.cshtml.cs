using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Years;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Years;

/// <summary>
/// A year's dashboard: calendar and phase, every unit's state with counts per bloc and late units.
/// Administrators also open years, set the calendar and extend deadlines; the administrator and the
/// secretary open the next phase. Appraisers see the units assigned to them; unit staff go to their unit.
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class DashboardModel(YearAdminService years, ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    public YearDashboard? Dashboard { get; private set; }

    public IReadOnlyList<int> AllYears { get; private set; } = [];

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    /// <summary>The form that was refused ("calendar", "extend", "create", "next"): it shows what was typed.</summary>
    public string? FailedForm { get; private set; }

    /// <summary>Opening the next phase waits for confirmation (the page without JavaScript asks again).</summary>
    public bool ConfirmNextPhase { get; private set; }

    public bool IsAdministrator => User.IsInRole(Roles.Administrator);

    /// <summary>Only the units of this bloc (name), this status, or late ones; sorted by <see cref="Sort"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Bloc { get; set; }

    [BindProperty(SupportsGet = true)]
    public UnitStatus? Status { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool Late { get; set; }

    /// <summary>"code" (default), "name", "status", "progress", "activity".</summary>
    [BindProperty(SupportsGet = true)]
    public string? Sort { get; set; }

    /// <summary>The units shown: the dashboard's, filtered and sorted as asked.</summary>
    public IReadOnlyList<DashboardRow> Shown { get; private set; } = [];

    public bool RunsRounds => IsAdministrator || User.IsInRole(Roles.Secretary);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateYearAsync(string? newYear, string? title, CancellationToken ct)
    {
        if (!IsAdministrator)
        {
            return Forbid();
        }

        if (!int.TryParse(newYear, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            return await Fail(Outcome.Invalid("newYear", Messages.Get("NotANumber", newYear)), "create", ct);
        }

        var outcome = await years.CreateFromPreviousAsync(User.ToActor(), number, title, ct);
        return outcome.Succeeded ? Done($"/years/{number}/dashboard", Messages.Get("YearCreated", number)) : await Fail(outcome, "create", ct);
    }

    public async Task<IActionResult> OnPostCalendarAsync(string?[] openings, string? reason, CancellationToken ct)
    {
        if (!IsAdministrator)
        {
            return Forbid();
        }

        var parsed = new List<DateTimeOffset>();
        foreach (var text in openings ?? [])
        {
            if (VietnamTime.Parse(text) is not { } opening)
            {
                return await Fail(Outcome.Invalid("openings", Messages.Get("NotADate", text)), "calendar", ct);
            }

            parsed.Add(opening);
        }

        var outcome = await years.SetCalendarAsync(User.ToActor(), YearNumber, parsed, reason, ct);
        return outcome.Succeeded ? Done(Here, Messages.Get("CalendarSaved")) : await Fail(outcome, "calendar", ct);
    }

    public async Task<IActionResult> OnPostNextPhaseAsync(string? reason, bool confirmed, CancellationToken ct)
    {
        if (!RunsRounds)
        {
            return Forbid();
        }

        if (!confirmed)
        {
            ConfirmNextPhase = true;
            return await LoadAsync(ct);
        }

        var outcome = await years.OpenNextPhaseAsync(User.ToActor(), YearNumber, reason, ct);
        return outcome.Succeeded ? Done(Here, ((PhaseChange)outcome.Value!).Report) : await Fail(outcome, "next", ct);
    }

    public async Task<IActionResult> OnPostExtendAsync(string? unitCode, int phase, string? until, string? reason, CancellationToken ct)
    {
        if (!IsAdministrator)
        {
            return Forbid();
        }

        if (VietnamTime.Parse(until) is not { } deadline)
        {
            return await Fail(Outcome.Invalid("until", Messages.Get("NotADate", until)), "extend", ct);
        }

        var outcome = await years.ExtendDeadlineAsync(User.ToActor(), YearNumber, unitCode ?? "", (AssessmentPhase)phase, deadline, reason, ct);
        return outcome.Succeeded ? Done(Here, Messages.Get("DeadlineExtended", unitCode)) : await Fail(outcome, "extend", ct);
    }

    /// <summary>Reminds one late unit, or every late unit, now (administrator and secretary).</summary>
    public async Task<IActionResult> OnPostRemindAsync(string? unitCode, CancellationToken ct)
    {
        if (!RunsRounds)
        {
            return Forbid();
        }

        var outcome = await years.RemindLateAsync(User.ToActor(), YearNumber, unitCode, ct);
        return outcome.Succeeded ? Done(Here, Messages.Get("RemindersSent", outcome.Value)) : await Fail(outcome, "remind", ct);
    }

    /// <summary>The units as shown (filters and order of the page) as an .xlsx.</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Dashboard is null)
        {
            HttpContext.Items[ErrorPage.DetailKey] = Messages.Get("YearNotFound", Year);
            return NotFound(); // no body: the error page says it
        }

        var file = new MemoryStream();
        Core.Reports.ExcelExports.WriteDashboard(Dashboard, Shown, file);
        return File(file.ToArray(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"tien-do-{Dashboard.Year.Year}.xlsx");
    }

    private int YearNumber => YearInput.TryParse(Year, out var y) ? y : 0;

    private string Here => $"/years/{YearNumber}/dashboard";

    private RedirectResult Done(string url, string message)
    {
        TempData["Message"] = message;
        return Redirect(url);
    }

    private async Task<IActionResult> Fail(Outcome outcome, string form, CancellationToken ct)
    {
        Problems = outcome.Problems;
        FailedForm = form;
        await LoadAsync(ct);
        Response.StatusCode = outcome.Kind == OutcomeKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var actor = User.ToActor();
        if (Roles.IsUnitRole(actor.Role))
        {
            var code = await db.Units.Where(u => u.Id == actor.UnitId).Select(u => u.Code).SingleAsync(ct);
            return Redirect($"/years/{Year}/units/{code}");
        }

        AllYears = await db.Years.OrderByDescending(y => y.Year).Select(y => y.Year).ToListAsync(ct);
        if (!YearInput.TryParse(Year, out var year))
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Dashboard = await years.DashboardAsync(year, ct);
        if (Dashboard is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (actor.Is(Roles.Appraiser))
        {
            var yearId = Dashboard.Year.Id;
            var assigned = await (from a in db.AppraiserAssignments
                                  where a.UserId == actor.UserId && a.AssessmentYearId == yearId
                                  join u in db.Units on a.UnitId equals u.Id into units
                                  from u in units.DefaultIfEmpty()
                                  select u == null ? null : u.Code).ToListAsync(ct);
            var everyUnit = assigned.Any(code => code is null);
            Dashboard = Dashboard with { Units = [.. Dashboard.Units.Where(u => everyUnit || assigned.Contains(u.UnitCode))] };
        }

        IEnumerable<DashboardRow> shown = Dashboard.Units;
        if (!string.IsNullOrEmpty(Bloc))
        {
            shown = shown.Where(u => u.BlocName == Bloc);
        }

        if (Status is { } status)
        {
            shown = shown.Where(u => u.Status == status);
        }

        if (Late)
        {
            shown = shown.Where(u => u.Late);
        }

        Shown = [.. Sort switch
        {
            "name" => shown.OrderBy(u => u.UnitName, StringComparer.Create(System.Globalization.CultureInfo.GetCultureInfo("vi-VN"), true)),
            "status" => shown.OrderBy(u => u.Status).ThenBy(u => u.UnitCode, StringComparer.Ordinal),
            "progress" => shown.OrderBy(u => u.ToEnter == 0 ? 1m : (decimal)u.Entered / u.ToEnter).ThenBy(u => u.UnitCode, StringComparer.Ordinal),
            "activity" => shown.OrderBy(u => u.LastActivity ?? DateTimeOffset.MinValue).ThenBy(u => u.UnitCode, StringComparer.Ordinal),
            _ => shown,
        }];
        return Page();
    }
}
