using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using ParIndex.Core.Surveys;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Surveys;

/// <summary>The sample planner: for a chosen margin of error, each unit and group's population, the sample sizes both formulas ask for, and progress.</summary>
[Authorize(Policy = Policies.Overview)]
public sealed class PlanModel(SurveyStatsService stats, SurveyAdminService admin, ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    /// <summary>The margin of error in percent as typed (default 5).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Margin { get; set; }

    public double MarginShare { get; private set; } = 0.05;

    public IReadOnlyList<SurveyGroup> Groups { get; private set; } = [];

    public IReadOnlyList<SamplePlanRow> Rows { get; private set; } = [];

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    public bool CanEdit => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Secretary);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var sizes = new List<(string Unit, string Group, int Population)>();
        var problems = new List<FieldProblem>();
        foreach (var (key, value) in Request.Form.Where(f => f.Key.StartsWith("pop.", StringComparison.Ordinal)))
        {
            var parts = key.Split('.', 3);
            var text = value.ToString().Trim();
            if (parts.Length != 3)
            {
                continue;
            }

            if (text.Length == 0)
            {
                sizes.Add((parts[1], parts[2], 0));
            }
            else if (FormInput.TryParseWhole(text, out var n))
            {
                sizes.Add((parts[1], parts[2], n));
            }
            else
            {
                problems.Add(new FieldProblem(key, Messages.Get("PopulationNotWhole", value.ToString(), parts[1], parts[2])));
            }
        }

        var outcome = problems.Count > 0 ? Outcome.Invalid(problems) : await admin.SetPopulationsAsync(User.ToActor(), YearInput.TryParse(Year, out var y) ? y : 0, sizes, ct);
        if (outcome.Succeeded)
        {
            TempData["Message"] = Messages.Get("UnitsSaved");
            return Redirect($"/years/{Year}/survey/plan?margin={Margin}");
        }

        Problems = outcome.Problems;
        var page = await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        if (!string.IsNullOrWhiteSpace(Margin))
        {
            if (FormInput.TryParseNumber(Margin, out var percent) && percent >= (decimal)SurveyStatsService.SmallestMargin * 100 && percent < 50m)
            {
                MarginShare = (double)percent / 100;
            }
            else
            {
                Problems = [.. Problems, new FieldProblem("margin", Messages.Get("MarginInvalid", Margin))];
                Response.StatusCode = StatusCodes.Status400BadRequest;
            }
        }

        var yearId = YearInput.TryParse(Year, out var year)
            ? await db.Years.Where(y => y.Year == year).Select(y => (int?)y.Id).SingleOrDefaultAsync(ct)
            : null;
        if (yearId is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        (Groups, Rows) = await stats.PlanAsync(yearId.Value, MarginShare, ct);
        return Page();
    }
}
