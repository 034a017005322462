using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Frameworks;
using ParIndex.Scoring;
using ParIndex.Web.Features.Frameworks;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Years;

/// <summary>
/// A year's framework: the tree with every node's maximum, component, rule and evidence flag;
/// administrators edit it in place (add, move, rename, change maximum or rule, mark evidence required,
/// remove) and import or export it as .xlsx. Every change is checked whole by the engine before it is saved.
/// </summary>
[Authorize(Policy = Policies.Reader)]
public sealed class FrameworkModel(FrameworkAdminService frameworks, ParIndex.Core.Publishing.AreaLinkService areaLinks) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    public FrameworkAdminService.Edit? Edit { get; private set; }

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    public bool CanEdit => User.IsInRole(Roles.Administrator);

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostSaveAsync(string code, string? parent, string? name, string? max, string? component, string? rule,
        string? parameters, bool evidence, string? reason, CancellationToken ct) =>
        await ChangeAsync(rows => ParseRow(code, parent, name, max, component, rule, parameters, evidence, out var row, out var error)
            ? (FrameworkAdminService.Replace(rows, row), null)
            : (rows, error), reason, ct);

    public async Task<IActionResult> OnPostAddAsync(string code, string? parent, string? name, string? max, string? component, string? rule,
        string? parameters, bool evidence, string? reason, CancellationToken ct) =>
        await ChangeAsync(rows => ParseRow(code, parent, name, max, component, rule, parameters, evidence, out var row, out var error)
            ? (FrameworkAdminService.Add(rows, row), null)
            : (rows, error), reason, ct);

    public async Task<IActionResult> OnPostMoveAsync(string code, int delta, string? reason, CancellationToken ct) =>
        await ChangeAsync(rows => (FrameworkAdminService.Move(rows, code, delta), null), reason, ct);

    public async Task<IActionResult> OnPostRemoveAsync(string code, string? reason, CancellationToken ct) =>
        await ChangeAsync(rows => (FrameworkAdminService.Remove(rows, code), null), reason, ct);

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, string? reason, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (file is null || await CurrentAsync(ct) is not { } edit)
        {
            return await FailAsync(Outcome.Invalid("file", Messages.Get("ChooseFile")), ct);
        }

        var outcome = await FrameworksApi.ImportAsync(User, edit.Year.Year, edit.Version.Id, file, reason, frameworks, ct);
        return outcome.Succeeded ? Done(Messages.Get("FrameworkImported", outcome.Value)) : await FailAsync(outcome, ct);
    }

    public async Task<IActionResult> OnPostCopyAsync(string? newVersion, string? newName, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (await CurrentAsync(ct) is not { } edit)
        {
            return await LoadAsync(ct);
        }

        var outcome = await frameworks.CopyVersionAsync(User.ToActor(), edit.Year.Year, edit.Version.Id, newVersion, newName, ct);
        if (!outcome.Succeeded)
        {
            return await FailAsync(outcome, ct);
        }

        Version = ((FrameworkVersion)outcome.Value!).Id;
        return Done(Messages.Get("FrameworkSaved"));
    }

    public async Task<IActionResult> OnGetExportAsync(CancellationToken ct) =>
        await CurrentAsync(ct) is { } edit
            ? File(FrameworkFile.Write(edit.Rows), FrameworksApi.XlsxType, FrameworkFile.FileName(edit.Year.Year))
            : NotFound();

    private async Task<IActionResult> ChangeAsync(Func<IReadOnlyList<FrameworkRowData>, (IReadOnlyList<FrameworkRowData> Rows, string? Error)> change,
        string? reason, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        if (await CurrentAsync(ct) is not { } edit)
        {
            return await LoadAsync(ct);
        }

        var (rows, error) = change(edit.Rows);
        if (error is not null)
        {
            return await FailAsync(Outcome.Invalid("", error), ct);
        }

        var outcome = await frameworks.ApplyAsync(User.ToActor(), edit.Year.Year, edit.Version.Id, rows, reason, ct);
        return outcome.Succeeded ? Done(Messages.Get("FrameworkSaved")) : await FailAsync(outcome, ct);
    }

    private static bool ParseRow(string code, string? parent, string? name, string? max, string? component, string? rule, string? parameters,
        bool evidence, out FrameworkRowData row, out string? error)
    {
        error = null;
        decimal? points = null;
        if (!string.IsNullOrWhiteSpace(max))
        {
            if (!FormInput.TryParseNumber(max, out var value))
            {
                error = Messages.Get("NotANumber", max);
            }

            points = value;
        }

        var isLeaf = !string.IsNullOrWhiteSpace(rule);
        row = new FrameworkRowData((code ?? "").Trim(), string.IsNullOrWhiteSpace(parent) ? null : parent.Trim(), (name ?? "").Trim(), points,
            isLeaf ? (component == "survey" ? Component.Survey : Component.Appraisal) : null,
            isLeaf ? rule!.Trim() : null, isLeaf && !string.IsNullOrWhiteSpace(parameters) ? parameters.Trim() : null, isLeaf && evidence);
        return error is null;
    }

    private RedirectResult Done(string message)
    {
        TempData["Message"] = message;
        return Redirect($"/years/{Year}/framework" + (Version is { } v ? $"?version={v.ToString(CultureInfo.InvariantCulture)}" : ""));
    }

    /// <summary>The refused form's typed values (shown again in that form only, its row's editor left open).</summary>
    public RefusedForm Refused { get; private set; } = RefusedForm.None;

    private async Task<IActionResult> FailAsync(Outcome outcome, CancellationToken ct)
    {
        Problems = outcome.Problems;
        Refused = RefusedForm.Of(Request);
        await LoadAsync(ct);
        Response.StatusCode = outcome.Kind == OutcomeKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<FrameworkAdminService.Edit?> CurrentAsync(CancellationToken ct) =>
        YearInput.TryParse(Year, out var year) ? await frameworks.GetAsync(year, Version, ct) : null;

    /// <summary>Which earlier framework version the area links are shown against.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Earlier { get; set; }

    /// <summary>The areas of this version and the earlier areas each compares with, year over year.</summary>
    public ParIndex.Core.Publishing.AreaLinks? Links { get; private set; }

    /// <summary>Saves the area links: one field per area, earlier area codes separated by commas (empty: by code).</summary>
    public async Task<IActionResult> OnPostLinksAsync(int earlierFrameworkId, string? reason, CancellationToken ct)
    {
        var edit = await CurrentAsync(ct);
        if (edit is null)
        {
            return await LoadAsync(ct);
        }

        var links = Request.Form.Keys.Where(k => k.StartsWith("link-", StringComparison.Ordinal)).ToDictionary(
            k => k["link-".Length..],
            k => (IReadOnlyList<string>)[.. Request.Form[k].ToString().Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)],
            StringComparer.Ordinal);
        var outcome = await areaLinks.SetAsync(User.ToActor(), YearInput.TryParse(Year, out var y) ? y : 0, edit.Version.Id, earlierFrameworkId, links, reason, ct);
        Earlier = earlierFrameworkId;
        return outcome.Succeeded ? Done(Messages.Get("AreaLinksSaved")) : await FailAsync(outcome, ct);
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        Edit = await CurrentAsync(ct);
        if (Edit is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Links = await areaLinks.GetAsync(Edit.Version.Id, Earlier, ct);
        return Page();
    }
}
