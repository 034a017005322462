using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core;
using ParIndex.Core.Data;
using ParIndex.Core.Surveys;
using ParIndex.Web.Infrastructure;
using QRCoder;

namespace ParIndex.Web.Pages.Surveys;

/// <summary>
/// Invitation codes to the public form: create them for a unit and group, and print them (code, link
/// and QR code per card). Codes are secrets, so only the administrator and the secretary see them.
/// </summary>
[Authorize(Policy = Policies.RunsRounds)]
public sealed class InvitationsModel(SurveyFormService forms, ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public string? Unit { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Group { get; set; }

    public IReadOnlyList<InvitationRow> Invitations { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Units { get; private set; } = [];

    public IReadOnlyList<SurveyGroup> Groups { get; private set; } = [];

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    /// <summary>The form's address for a code, on this server.</summary>
    public string LinkFor(string code) => $"{Request.Scheme}://{Request.Host}/khao-sat/{code}";

    /// <summary>A QR code of the link as a PNG data URI.</summary>
    public string QrFor(string code)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(LinkFor(code), QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(4));
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(string unit, string group, string? count, CancellationToken ct)
    {
        var number = int.TryParse(count, out var n) ? n : 0;
        var outcome = await forms.CreateInvitationsAsync(User.ToActor(), YearInput.TryParse(Year, out var y) ? y : 0, unit, group, number, ct);
        if (outcome.Succeeded)
        {
            TempData["Message"] = Messages.Get("InvitationsCreated", number);
            return Redirect($"/years/{Year}/survey/invitations?unit={Uri.EscapeDataString(unit)}&group={Uri.EscapeDataString(group)}");
        }

        Problems = outcome.Problems;
        var page = await LoadAsync(ct);
        Response.StatusCode = outcome.Kind == OutcomeKind.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        var yearId = YearInput.TryParse(Year, out var year)
            ? await db.Years.Where(y => y.Year == year).Select(y => (int?)y.Id).SingleOrDefaultAsync(ct)
            : null;
        if (yearId is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Units = (await db.YearUnits.AsNoTracking().Where(u => u.AssessmentYearId == yearId).OrderBy(u => u.Unit!.Code)
            .Select(u => new { u.Unit!.Code, u.Unit.Name }).ToListAsync(ct)).Select(u => (u.Code, u.Name)).ToList();
        Groups = await db.SurveyGroups.AsNoTracking().Where(g => g.AssessmentYearId == yearId).OrderBy(g => g.SortOrder).ToListAsync(ct);
        Invitations = await forms.InvitationsAsync(year, string.IsNullOrEmpty(Unit) ? null : Unit, string.IsNullOrEmpty(Group) ? null : Group, ct);
        return Page();
    }
}
