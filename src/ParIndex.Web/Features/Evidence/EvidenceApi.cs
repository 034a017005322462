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

        app.MapPut("/api/evidence/{id:int}", async (int id, EvidenceDetailsRequest request, ClaimsPrincipal user, EvidenceService service,
                CancellationToken ct) =>
                (await service.DescribeAsync(user.ToActor(), id, request.DocumentNumber, request.DocumentDate, request.Issuer, request.Summary, ct))
                    .ToResult(v => v is EvidenceFile f ? new { f.Id, f.DocumentNumber, f.DocumentDate, f.Issuer, f.Summary } : null))
            .RequireAuthorization(Policies.UnitStaff).WithTags("Evidence").WithName("DescribeEvidence")
            .WithSummary("A document's number, date (yyyy-MM-dd), issuer and summary");

        app.MapDelete("/api/evidence/{id:int}", async (int id, ClaimsPrincipal user, EvidenceService service, CancellationToken ct) =>
                (await service.DeleteAsync(user.ToActor(), id, ct)).ToResult())
            .RequireAuthorization(Policies.UnitStaff).WithTags("Evidence").WithName("DeleteEvidence")
            .WithSummary("Deletes a document no leaf uses");

        app.MapGet("/evidence/{id:int}", async (int id, ClaimsPrincipal user, EvidenceService service, CancellationToken ct) =>
                await service.OpenAsync(user.ToActor(), id, ct) is { } opened
                    ? TypedResults.Stream(opened.Content, opened.File.ContentType, opened.File.FileName)
                    : Results.NotFound())
            .RequireAuthorization(Policies.Reader).WithTags("Evidence").WithName("DownloadEvidence");
        return app;
    }
}

/// <param name="DocumentNumber">As issued, e.g. "12/KH-STP" (≤ 100 characters).</param>
/// <param name="DocumentDate">The day it was issued.</param>
/// <param name="Issuer">Who issued it (≤ 200 characters).</param>
/// <param name="Summary">What it is about (≤ 1,000 characters).</param>
public sealed record EvidenceDetailsRequest(string? DocumentNumber, DateOnly? DocumentDate, string? Issuer, string? Summary);
