using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Years;

/// <summary>Every recorded change of one leaf of one unit: who, when, old, new, why.</summary>
[Authorize(Policy = Policies.Reader)]
public sealed class HistoryModel(AssessmentService assessments, ParIndex.Core.Data.ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Leaf { get; set; } = "";

    public string? UnitName { get; private set; }

    public string? LeafName { get; private set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>The leaf, whose rule words the values (tier labels, points).</summary>
    public Scoring.FrameworkNode? Node { get; private set; }

    /// <summary>People's full names by account name (the trail keeps the account name it was written with).</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var unit = YearInput.TryParse(Year, out var year) ? await assessments.LoadAsync(User.ToActor(), year, Code, ct) : null;
        if (unit is null)
        {
            Error = Messages.Get("UnitNotInYear", Code, Year);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (!unit.CanRead || !unit.Framework.Framework.TryFind(Leaf, out var node) || !unit.SeesArea(UnitAssessment.AreaOf(node).Code))
        {
            Error = Messages.Get("NotYourUnit", unit.Unit.Name);
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        UnitName = unit.Unit.Name;
        LeafName = $"{node.Code} {node.Name}";
        Node = node;
        Entries = await assessments.HistoryAsync(unit, Leaf, ct);
        var accounts = Entries.Select(e => e.UserName).Distinct().ToList();
        Names = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToDictionaryAsync(
            db.Users.Where(u => accounts.Contains(u.UserName!)), u => u.UserName!, u => u.FullName, ct);
        return Page();
    }
}
