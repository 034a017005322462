using System.Security.Claims;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Assessments;

/// <summary>
/// The assessment workflow of one unit: read the sheet, enter the self-assessment, submit, appraise,
/// explain, finalise, and each leaf's history. Policies name the roles; the service checks the unit
/// scope, the state and the calendar on every call.
/// </summary>
public static class AssessmentsApi
{
    public static IEndpointRouteBuilder MapAssessmentsApi(this IEndpointRouteBuilder app)
    {
        var unit = app.MapGroup("/api/years/{year}/units/{code}/assessment").WithTags("Assessment");

        unit.MapGet("", async (string year, string code, ClaimsPrincipal user, AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad) ? (await service.SheetAsync(user.ToActor(), y, code, ct)).ToResult(v => v) : bad)
            .RequireAuthorization(Policies.Reader).WithName("GetAssessment");

        unit.MapPut("/leaves/{leaf}/self", async (string year, string code, string leaf, SelfEntryRequest request, ClaimsPrincipal user,
                AssessmentService service, CancellationToken ct) =>
                !YearInput.TryParse(year, out var y, out var bad) ? bad
                : request.Input is null ? Core.Outcome.Invalid("input", Core.Messages.Get("InputRequired")).ToResult()
                : (await service.SaveSelfAsync(user.ToActor(), y, code, leaf, request.Input.ToInput(), request.Note, request.Version, ct)).ToResult(Entry))
            .RequireAuthorization(Policies.UnitStaff).WithName("SaveSelfAssessment");

        unit.MapPost("/prefill", async (string year, string code, ClaimsPrincipal user, AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.PrefillFromPreviousYearAsync(user.ToActor(), y, code, ct)).ToResult(v => new { filled = v })
                    : bad)
            .RequireAuthorization(Policies.UnitStaff).WithName("PrefillFromPreviousYear");

        unit.MapPut("/leaves/{leaf}/evidence/{evidenceId:int}", (string year, string code, string leaf, int evidenceId, ClaimsPrincipal user,
                AssessmentService service, CancellationToken ct) => Link(year, code, leaf, evidenceId, true, user, service, ct))
            .RequireAuthorization(Policies.UnitStaff).WithName("LinkEvidence");

        unit.MapDelete("/leaves/{leaf}/evidence/{evidenceId:int}", (string year, string code, string leaf, int evidenceId, ClaimsPrincipal user,
                AssessmentService service, CancellationToken ct) => Link(year, code, leaf, evidenceId, false, user, service, ct))
            .RequireAuthorization(Policies.UnitStaff).WithName("UnlinkEvidence");

        unit.MapPost("/submit", async (string year, string code, ClaimsPrincipal user, AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad) ? (await service.SubmitAsync(user.ToActor(), y, code, ct)).ToResult() : bad)
            .RequireAuthorization(Policies.UnitStaff).WithName("SubmitSelfAssessment");

        unit.MapPut("/leaves/{leaf}/appraisal", async (string year, string code, string leaf, AppraisalRequest request, ClaimsPrincipal user,
                AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.AppraiseAsync(user.ToActor(), y, code, leaf, request.Decision, request.Input?.ToInput() ?? default,
                        request.Reason, request.Flag, request.Version, ct)).ToResult(Entry)
                    : bad)
            .RequireAuthorization(Policies.Council).WithName("AppraiseLeaf");

        unit.MapPut("/leaves/{leaf}/final", async (string year, string code, string leaf, AmendRequest request, ClaimsPrincipal user,
                AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.AmendFinalAsync(user.ToActor(), y, code, leaf, request.Input?.ToInput() ?? default, request.Reason, ct)).ToResult()
                    : bad)
            .RequireAuthorization(Policies.Secretary).WithName("AmendSettledLeaf")
            .WithSummary("During a correction of published results: amend a final unit's settled score (secretary, with a reason)");

        unit.MapPost("/accept-remaining", async (string year, string code, ClaimsPrincipal user, AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.AcceptRemainingAsync(user.ToActor(), y, code, ct)).ToResult(v => new { accepted = v })
                    : bad)
            .RequireAuthorization(Policies.Council).WithName("AcceptRemainingLeaves");

        unit.MapPost("/close-first-round", async (string year, string code, ClaimsPrincipal user, AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad) ? (await service.CloseFirstRoundAsync(user.ToActor(), y, code, ct)).ToResult() : bad)
            .RequireAuthorization(Policies.Council).WithName("CloseFirstRound");

        unit.MapPut("/leaves/{leaf}/response", async (string year, string code, string leaf, ResponseRequest request, ClaimsPrincipal user,
                AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.RespondAsync(user.ToActor(), y, code, leaf, request.Response, request.Version, ct)).ToResult(Entry)
                    : bad)
            .RequireAuthorization(Policies.UnitStaff).WithName("ExplainLeaf");

        unit.MapPost("/send-explanation", async (string year, string code, ClaimsPrincipal user, AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad) ? (await service.SendExplanationAsync(user.ToActor(), y, code, ct)).ToResult() : bad)
            .RequireAuthorization(Policies.UnitStaff).WithName("SendExplanation");

        unit.MapPost("/finalise", async (string year, string code, ClaimsPrincipal user, AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad) ? (await service.FinaliseAsync(user.ToActor(), y, code, ct)).ToResult() : bad)
            .RequireAuthorization(Policies.Secretary).WithName("FinaliseUnit");

        unit.MapPost("/return", async (string year, string code, UndoRequest request, ClaimsPrincipal user, AssessmentService service, CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.ReturnToUnitAsync(user.ToActor(), y, code, request.Reason, request.Until, ct)).ToResult(v => new { withdrawn = v })
                    : bad)
            .RequireAuthorization(Policies.Secretary).WithName("ReturnSelfAssessment")
            .WithSummary("Return a submitted self-assessment to the unit until its round 1 closes (secretary, with a reason)");

        unit.MapPost("/reopen-first-round", async (string year, string code, UndoRequest request, ClaimsPrincipal user, AssessmentService service,
                CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.ReopenFirstRoundAsync(user.ToActor(), y, code, request.Reason, ct)).ToResult()
                    : bad)
            .RequireAuthorization(Policies.Secretary).WithName("ReopenFirstRound")
            .WithSummary("Reopen a unit's closed round 1 until the explanation phase closes (secretary, with a reason)");

        unit.MapPost("/unfinalise", async (string year, string code, UndoRequest request, ClaimsPrincipal user, AssessmentService service,
                CancellationToken ct) =>
                YearInput.TryParse(year, out var y, out var bad)
                    ? (await service.UnfinaliseAsync(user.ToActor(), y, code, request.Reason, ct)).ToResult()
                    : bad)
            .RequireAuthorization(Policies.Secretary).WithName("UnfinaliseUnit")
            .WithSummary("Take back a unit's finalisation until the year's results are proposed (secretary, with a reason)");

        unit.MapGet("/leaves/{leaf}/history", async Task<IResult> (string year, string code, string leaf, ClaimsPrincipal user, AssessmentService service,
                CancellationToken ct) =>
            {
                if (!YearInput.TryParse(year, out var y, out var bad))
                {
                    return bad;
                }

                var assessment = await service.LoadAsync(user.ToActor(), y, code, ct);
                if (assessment is null || !assessment.CanRead)
                {
                    return assessment is null ? TypedResults.NotFound() : TypedResults.Forbid();
                }

                var history = await service.HistoryAsync(assessment, leaf, ct);
                return TypedResults.Ok(history.Select(History));
            })
            .RequireAuthorization(Policies.Reader).WithName("LeafHistory");

        return app;
    }

    private static async Task<IResult> Link(string year, string code, string leaf, int evidenceId, bool link, ClaimsPrincipal user,
        AssessmentService service, CancellationToken ct) =>
        YearInput.TryParse(year, out var y, out var bad)
            ? (await service.LinkEvidenceAsync(user.ToActor(), y, code, leaf, evidenceId, link, ct)).ToResult(Entry)
            : bad;

    private static object? Entry(object? value) => value is LeafEntry e
        ? new
        {
            e.Version,
            Self = new LeafInputDto(e.SelfKind, e.SelfFirst, e.SelfSecond),
            e.SelfNote,
            e.FirstDecision,
            e.Flagged,
            e.FirstReason,
            e.Response,
            e.SecondDecision,
            e.SecondReason,
            e.UpdatedAt,
        }
        : null;

    private static object History(AuditEntry a) => new { a.At, a.UserName, a.Subject, a.OldValue, a.NewValue, a.Reason };
}
