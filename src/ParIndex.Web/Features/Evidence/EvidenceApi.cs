using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Core.Evidence;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Evidence;

/// <summary>A unit's evidence library: list, upload (checked by content), download (only for people who may see the unit).</summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/units/{code}/evidence", async Task<IResult> (string code, ClaimsPrincipal user, ParIndexDbContext db, EvidenceService service,
                CancellationToken ct) =>
            {
                var unit = await db.Units.AsNoTracking().SingleOrDefaultAsync(u => u.Code == code, ct);
                if (unit is null)
                {
                    return TypedResults.NotFound();
                }

                return await service.CanReadAsync(user.ToActor(), unit.Id, ct)
                    ? TypedResults.Ok((await service.ListAsync(unit.Id, ct)).Select(f => new { f.Id, f.FileName, f.ContentType, f.SizeBytes, f.UploadedAt }))
                    : TypedResults.Forbid();
            })
            .RequireAuthorization(Policies.Reader).WithTags("Evidence").WithName("ListEvidence");

        // Multipart for API clients (bearer token or same-site cookie); the page's upload form carries an antiforgery token.
        app.MapPost("/api/units/{code}/evidence", async Task<IResult> (string code, IFormFile file, ClaimsPrincipal user, EvidenceService service,
                CancellationToken ct) =>
            {
                await using var stream = file.OpenReadStream();
                return (await service.UploadAsync(user.ToActor(), code, file.FileName, stream, ct))
                    .ToResult(v => v is EvidenceFile f ? new { f.Id, f.FileName, f.ContentType, f.SizeBytes } : null);
            })
            .DisableAntiforgery()
            .RequireAuthorization(Policies.UnitStaff).WithTags("Evidence").WithName("UploadEvidence");

        app.MapGet("/evidence/{id:int}", async (int id, ClaimsPrincipal user, EvidenceService service, CancellationToken ct) =>
                await service.OpenAsync(user.ToActor(), id, ct) is { } opened
                    ? TypedResults.Stream(opened.Content, opened.File.ContentType, opened.File.FileName)
                    : Results.NotFound())
            .RequireAuthorization(Policies.Reader).WithTags("Evidence").WithName("DownloadEvidence");
        return app;
    }
}
