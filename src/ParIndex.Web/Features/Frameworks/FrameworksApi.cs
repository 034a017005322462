using System.Security.Claims;
using ParIndex.Core;
using ParIndex.Core.Frameworks;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Frameworks;

/// <param name="Rows">The whole framework, parents before children, siblings in order.</param>
/// <param name="Reason">Required once self-assessment has opened (an audited override).</param>
public sealed record FrameworkUpdate(IReadOnlyList<FrameworkRowData> Rows, string? Reason);

/// <param name="Version">The new version's code, e.g. "2026-xa".</param>
/// <param name="Name">Its name, e.g. "Bộ chỉ số cấp xã 2026".</param>
public sealed record FrameworkCopy(string Version, string Name);

/// <param name="Links">Each area code and the earlier area codes it compares with (empty lists: compare by code).</param>
public sealed record AreaLinksUpdate(int EarlierFrameworkId, IReadOnlyDictionary<string, IReadOnlyList<string>>? Links, string? Reason);

/// <summary>A year's framework versions: read, copy into a new version, replace (checked whole), export and import as .xlsx.</summary>
public static class FrameworksApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapFrameworksApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/years/{year}/frameworks").WithTags("Frameworks");
        group.MapGet("/{id:int}", async Task<IResult> (string year, int id, FrameworkAdminService service, CancellationToken ct) =>
                !YearInput.TryParse(year, out var y, out var bad) ? bad
                : await service.GetAsync(y, id, ct) is { } edit
                    ? TypedResults.Ok(new { edit.Version.Id, edit.Version.Version, edit.Version.Name, edit.Locked, edit.UnitsUsing, edit.Rows })
                    : TypedResults.NotFound())
            .RequireAuthorization(Policies.Reader).WithName("GetFramework");

        group.MapPost("/{id:int}/copy", async Task<IResult> (string year, int id, FrameworkCopy copy, ClaimsPrincipal user, FrameworkAdminService service,
                CancellationToken ct) => YearInput.TryParse(year, out var y, out var bad)
                ? (await service.CopyVersionAsync(user.ToActor(), y, id, copy.Version, copy.Name, ct)).ToResult(v => v is FrameworkVersion f ? new { f.Id, f.Version, f.Name } : null)
                : bad)
            .RequireAuthorization(Policies.Administrator).WithName("CopyFramework");

        group.MapPut("/{id:int}", async Task<IResult> (string year, int id, FrameworkUpdate update, ClaimsPrincipal user, FrameworkAdminService service,
                CancellationToken ct) => YearInput.TryParse(year, out var y, out var bad)
                ? (await service.ApplyAsync(user.ToActor(), y, id, update.Rows ?? [], update.Reason, ct)).ToResult()
                : bad)
            .RequireAuthorization(Policies.Administrator).WithName("ReplaceFramework");

        group.MapGet("/{id:int}/area-links", async Task<IResult> (string year, int id, int? earlier, ParIndex.Core.Publishing.AreaLinkService links,
                CancellationToken ct) => !YearInput.TryParse(year, out _, out var bad) ? bad
                : await links.GetAsync(id, earlier, ct) is { } found
                    ? TypedResults.Ok(new { found.FrameworkId, found.EarlierFrameworkId, found.ByCode, found.Areas })
                    : TypedResults.NotFound())
            .RequireAuthorization(Policies.Reader).WithName("GetAreaLinks")
            .WithSummary("The areas of an earlier framework version each area compares with, year over year (none: by code)");

        group.MapPut("/{id:int}/area-links", async Task<IResult> (string year, int id, AreaLinksUpdate update, ClaimsPrincipal user,
                ParIndex.Core.Publishing.AreaLinkService links, CancellationToken ct) => YearInput.TryParse(year, out var y, out var bad)
                ? (await links.SetAsync(user.ToActor(), y, id, update.EarlierFrameworkId,
                    (update.Links ?? new Dictionary<string, IReadOnlyList<string>>()).ToDictionary(l => l.Key, l => l.Value ?? [], StringComparer.Ordinal), update.Reason, ct)).ToResult()
                : bad)
            .RequireAuthorization(Policies.Administrator).WithName("SetAreaLinks")
            .WithSummary("Replace the area links towards an earlier framework version");

        group.MapGet("/{id:int}/xlsx", async Task<IResult> (string year, int id, FrameworkAdminService service, CancellationToken ct) =>
                !YearInput.TryParse(year, out var y, out var bad) ? bad
                : await service.GetAsync(y, id, ct) is { } edit
                    ? TypedResults.File(FrameworkFile.Write(edit.Rows), XlsxType, FrameworkFile.FileName(y))
                    : TypedResults.NotFound())
            .RequireAuthorization(Policies.Reader).WithName("ExportFramework");

        group.MapPost("/{id:int}/xlsx", async Task<IResult> (string year, int id, IFormFile file, [Microsoft.AspNetCore.Mvc.FromForm] string? reason, ClaimsPrincipal user,
                FrameworkAdminService service, CancellationToken ct) =>
            {
                if (!YearInput.TryParse(year, out var y, out var bad))
                {
                    return bad;
                }

                var outcome = await ImportAsync(user, y, id, file, reason, service, ct);
                return outcome.ToResult();
            })
            .DisableAntiforgery() // API clients (bearer token or same-site cookie); the page's form has its token
            .RequireAuthorization(Policies.Administrator).WithName("ImportFramework");
        return app;
    }

    /// <summary>The largest framework workbook accepted (a framework of a few hundred rows is well under 100 KB).</summary>
    public const long MaxFileBytes = 8L * 1024 * 1024;

    /// <summary>Reads an uploaded workbook and applies it, all or nothing; every bad cell is reported with line and column.</summary>
    public static async Task<Outcome> ImportAsync(ClaimsPrincipal user, int year, int frameworkId, IFormFile file, string? reason,
        FrameworkAdminService service, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(service);
        if (file.Length > MaxFileBytes)
        {
            return Outcome.Invalid("file", Core.Messages.Get("SurveyFileTooLarge", MaxFileBytes / (1024 * 1024)));
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        var (rows, errors) = FrameworkFile.Read(buffer.ToArray(), file.FileName);
        return errors.Count > 0
            ? Outcome.Invalid([.. errors.Select(e => new FieldProblem("file", e.ToString()))])
            : await service.ApplyAsync(user.ToActor(), year, frameworkId, rows, reason, ct);
    }
}
