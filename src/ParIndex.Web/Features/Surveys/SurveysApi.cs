using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core;
using ParIndex.Core.Data;
using ParIndex.Core.Surveys;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Surveys;

/// <param name="Unit">The unit's code.</param>
/// <param name="Group">The respondent group's code.</param>
/// <param name="Count">How many codes (1-2,000).</param>
public sealed record InvitationRequest(string Unit, string Group, int Count);

/// <summary>A year's survey: its questionnaires, response import (all or nothing), rescoring, the sample plan, invitation codes.</summary>
public static class SurveysApi
{
    public static IEndpointRouteBuilder MapSurveysApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/years/{year}/survey").WithTags("Survey");
        group.MapGet("", async Task<IResult> (string year, ParIndexDbContext db, CancellationToken ct) =>
                !YearInput.TryParse(year, out var y, out var bad) ? bad
                : await SurveySetup.LoadAsync(db, y, ct) is { } setup
                    ? TypedResults.Ok(new
                    {
                        Groups = setup.Groups.Select(g => new { g.Code, g.Name }),
                        Questions = setup.Questions.Select(q => new
                        {
                            q.Code, Group = setup.GroupsById[q.GroupId].Code, q.Text, q.Kind, q.Lowest, q.Highest, q.PositiveFrom, q.Labels, q.OptionPoints,
                            q.AllowsDontKnow, q.LeafCode, q.Weight,
                        }),
                        Leaves = setup.Leaves.Select(l => new { l.LeafCode, l.Method, l.GroupWeights, Sources = l.Sources }),
                    })
                    : TypedResults.NotFound())
            .RequireAuthorization(Policies.Overview).WithName("GetSurvey");

        group.MapPost("/responses", async Task<IResult> (string year, IFormFile file, ClaimsPrincipal user, SurveyImportService imports, CancellationToken ct) =>
            {
                if (!YearInput.TryParse(year, out var y, out var bad))
                {
                    return bad;
                }

                var (content, problem) = SurveyUpload.Open(file);
                if (content is null)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [problem!] });
                }

                await using var _ = content;

                var outcome = await imports.ImportAsync(user.ToActor(), y, file.FileName, content, score: true, ct);
                return outcome.Succeeded
                    ? TypedResults.Ok(new { outcome.Added, outcome.AlreadyPresent, AlreadyImportedAt = outcome.PreviousImport?.ImportedAt, outcome.Scoring })
                    : TypedResults.Problem(Messages.Get("SurveyImportRefused", outcome.TotalErrors), statusCode: StatusCodes.Status400BadRequest,
                        extensions: new Dictionary<string, object?>
                        {
                            ["errors"] = outcome.Errors.Select(e => new { e.Line, e.Column, e.Message }),
                            ["totalErrors"] = outcome.TotalErrors,
                        });
            })
            .RequireAuthorization(Policies.RunsRounds).DisableAntiforgery().WithName("ImportSurveyResponses")
            .WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(SurveyUpload.MaxBytes))
            .WithFormOptions(multipartBodyLengthLimit: SurveyUpload.MaxBytes);

        group.MapPost("/score", async Task<IResult> (string year, ClaimsPrincipal user, SurveyScoringService scoring, ParIndexDbContext db, CancellationToken ct) =>
            {
                if (!YearInput.TryParse(year, out var y, out var bad))
                {
                    return bad;
                }

                if (!await db.Years.AnyAsync(a => a.Year == y, ct))
                {
                    return TypedResults.NotFound();
                }

                var report = await scoring.ScoreAsync(user.ToActor(), y, Messages.Get("SurveyRescored"), ct);
                return report.Refusal is { } refusal
                    ? TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Results locked", detail: refusal)
                    : TypedResults.Ok(report);
            })
            .RequireAuthorization(Policies.RunsRounds).WithName("ScoreSurvey");

        group.MapGet("/plan", async Task<IResult> (string year, double? margin, SurveyStatsService stats, ParIndexDbContext db, CancellationToken ct) =>
            {
                if (!YearInput.TryParse(year, out var y, out var bad))
                {
                    return bad;
                }

                if (margin is { } m && !(m >= SurveyStatsService.SmallestMargin && m < 0.5)) // also NaN and infinities
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["margin"] = [Messages.Get("MarginInvalid", m)] });
                }

                var yearId = await db.Years.Where(a => a.Year == y).Select(a => (int?)a.Id).SingleOrDefaultAsync(ct);
                if (yearId is null)
                {
                    return TypedResults.NotFound();
                }

                var (groups, rows) = await stats.PlanAsync(yearId.Value, margin ?? 0.05, ct);
                return TypedResults.Ok(new { Margin = margin ?? 0.05, Groups = groups.Select(g => g.Code), Units = rows });
            })
            .RequireAuthorization(Policies.Overview).WithName("GetSamplePlan");

        group.MapPost("/invitations", async Task<IResult> (string year, InvitationRequest request, ClaimsPrincipal user, SurveyFormService forms, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await forms.CreateInvitationsAsync(user.ToActor(), y, request.Unit, request.Group, request.Count, ct)).ToResult(codes => new { Codes = codes })
                    : bad)
            .RequireAuthorization(Policies.RunsRounds).WithName("CreateInvitations");
        return app;
    }
}
