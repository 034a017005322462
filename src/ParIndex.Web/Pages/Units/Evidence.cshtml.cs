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
        return Page();
    }
}
