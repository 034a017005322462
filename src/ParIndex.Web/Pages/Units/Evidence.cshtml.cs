using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core;
using ParIndex.Core.Data;
using ParIndex.Core.Evidence;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Units;

/// <summary>A unit's evidence library: every document uploaded (reused across leaves and years), and uploads.</summary>
[Authorize(Policy = Policies.Reader)]
public sealed class EvidenceModel(EvidenceService evidence, ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Code { get; set; } = "";

    public string? UnitName { get; private set; }

    public IReadOnlyList<EvidenceFile> Files { get; private set; } = [];

    /// <summary>Which leaves use each document ("2026: 1.1.1, 2.1.1"), by document id.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<string>> Uses { get; private set; } = new Dictionary<int, IReadOnlyList<string>>();

    /// <summary>The document whose details were refused (its form shows what was typed).</summary>
    public int? FailedId { get; private set; }

    public bool CanUpload { get; private set; }

    public string? Error { get; private set; }

    public long MaxMegabytes => evidence.MaxBytes / (1024 * 1024);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null)
        {
            Error = Messages.Get("ChooseFile");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync(ct);
        }

        await using var stream = file.OpenReadStream();
        var outcome = await evidence.UploadAsync(User.ToActor(), Code, file.FileName, stream, ct);
        if (!outcome.Succeeded)
        {
            Error = outcome.Message;
            Response.StatusCode = outcome.Kind == OutcomeKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
            return await LoadAsync(ct);
        }

        TempData["Message"] = Messages.Get("UploadedToLibrary", file.FileName);
        return Redirect($"/units/{Code}/evidence");
    }

    public async Task<IActionResult> OnPostDescribeAsync(int id, string? documentNumber, string? documentDate, string? issuer, string? summary,
        CancellationToken ct)
    {
        DateOnly? date = null;
        if (!string.IsNullOrWhiteSpace(documentDate))
        {
            if (!DateOnly.TryParseExact(documentDate.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.None, out var parsed))
            {
                return await RefusedAsync(id, Outcome.Invalid("documentDate", Messages.Get("NotADay", documentDate)), ct);
            }

            date = parsed;
        }

        var outcome = await evidence.DescribeAsync(User.ToActor(), id, documentNumber, date, issuer, summary, ct);
        return outcome.Succeeded ? Done(Messages.Get("EvidenceDescribed", ((EvidenceFile)outcome.Value!).FileName)) : await RefusedAsync(id, outcome, ct);
    }

    public async Task<IActionResult> OnPostDeleteAsync(int id, CancellationToken ct)
    {
        var outcome = await evidence.DeleteAsync(User.ToActor(), id, ct);
        return outcome.Succeeded ? Done(Messages.Get("EvidenceDeleted", ((EvidenceFile)outcome.Value!).FileName)) : await RefusedAsync(id, outcome, ct);
    }

    private RedirectResult Done(string message)
    {
        TempData["Message"] = message;
        return Redirect($"/units/{Code}/evidence");
    }

    private async Task<IActionResult> RefusedAsync(int id, Outcome outcome, CancellationToken ct)
    {
        Error = outcome.Message;
        FailedId = id;
        Response.StatusCode = outcome.Kind switch
        {
            OutcomeKind.Forbidden => StatusCodes.Status403Forbidden,
            OutcomeKind.NotFound => StatusCodes.Status404NotFound,
            _ => StatusCodes.Status400BadRequest,
        };
        return await LoadAsync(ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == Code, ct);
        var actor = User.ToActor();
        if (unit is null || !await evidence.CanReadAsync(actor, unit.Id, ct))
        {
            Error ??= Messages.Get(unit is null ? "UnitNotFound" : "NotYourUnit", unit?.Name ?? Code);
            Response.StatusCode = unit is null ? StatusCodes.Status404NotFound : StatusCodes.Status403Forbidden;
            return Page();
        }

        UnitName = unit.Name;
        CanUpload = actor.IsOwnUnit(unit.Id);
        Files = await evidence.ListAsync(unit.Id, ct);
        Uses = await evidence.UsesAsync(unit.Id, ct);
        return Page();
    }
}
