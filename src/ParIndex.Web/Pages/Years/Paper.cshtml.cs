using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Assessments;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Pages.Shared;

namespace ParIndex.Web.Pages.Years;

/// <summary>
/// The papers of a unit's assessment, laid out like administrative documents (national header, title,
/// tables, signature blocks) and printed to PDF from here: the self-assessment report for the head's
/// signature, the appraisal minutes (every adjusted leaf: before, after, reason, appraiser, date) and the
/// explanation summary. Whoever may read the unit's sheet may read its papers.
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class PaperModel(AssessmentService assessments, IConfiguration configuration) : PageModel
{
    /// <summary>The three papers by their address word.</summary>
    public static readonly IReadOnlyList<string> Papers = [SelfReport, Minutes, Explanations];

    public const string SelfReport = "bao-cao-tu-danh-gia";
    public const string Minutes = "bien-ban-tham-dinh";
    public const string Explanations = "tong-hop-giai-trinh";

    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string Paper { get; set; } = "";

    public UnitSheet? Sheet { get; private set; }

    public IReadOnlyDictionary<string, LeafTrail> Trail { get; private set; } = new Dictionary<string, LeafTrail>();

    public string Province { get; private set; } = "";

    public DateTimeOffset? SubmittedAt { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ViewData["Print"] = true;
        if (!Papers.Contains(Paper) || !YearInput.TryParse(Year, out var year))
        {
            return NotFound(); // the error page
        }

        var outcome = await assessments.SheetAsync(User.ToActor(), year, Code, ct);
        if (!outcome.Succeeded)
        {
            HttpContext.Items[ErrorPage.DetailKey] = outcome.Message;
            return outcome.Kind == OutcomeKind.Forbidden ? StatusCode(StatusCodes.Status403Forbidden) : NotFound();
        }

        Sheet = (UnitSheet)outcome.Value!;
        var unit = (await assessments.LoadAsync(User.ToActor(), year, Code, ct))!;
        Province = NationalHeader.Province(configuration, unit.Year.IsDemo);
        SubmittedAt = unit.YearUnit.SubmittedAt;
        if (Paper != SelfReport)
        {
            Trail = await assessments.TrailAsync(unit, ct);
        }

        return Page();
    }
}
