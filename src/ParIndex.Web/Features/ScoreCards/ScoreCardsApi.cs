using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.ScoreCards;

/// <summary>A unit's result for a year, leaf by leaf (published, or the draft for those who may read it).</summary>
public static class ScoreCardsApi
{
    public static IEndpointRouteBuilder MapScoreCardsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/api/years/{year}/units/{code}", GetScoreCardAsync)
            .WithTags("Score cards")
            .RequireAuthorization(Policies.Public)
            .WithName("GetScoreCard")
            .WithSummary("A unit's result, leaf by leaf")
            .WithDescription("The unit's ranking line and every node of its framework: maximum, applicable maximum (not-applicable " +
                "leaves removed), points, sub-index, and for each leaf its rule and the input it was scored from. Empty nodes for " +
                "results imported from a published table. Same rule as the rankings for published versions and drafts.");
        return routes;
    }

    private static async Task<Results<Ok<UnitScoreCard>, ProblemHttpResult>> GetScoreCardAsync(
        string year, string code, bool? draft, int? version, ClaimsPrincipal user, ResultsReader reader, CancellationToken cancellationToken)
    {
        if (!YearInput.TryParse(year, out var number))
        {
            return YearInput.Problem(year);
        }

        var card = await reader.CardAsync(user.ToActorOrNull(), number, code, draft == true, version, cancellationToken);
        return card is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Result not found",
                detail: $"Unit '{code}' has no published result for {year}.")
            : TypedResults.Ok(card);
    }
}
