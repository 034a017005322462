using Microsoft.AspNetCore.Http.HttpResults;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.ScoreCards;

/// <summary>A unit's published result for a year, leaf by leaf.</summary>
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
                "results imported from a published table.");
        return routes;
    }

    private static async Task<Results<Ok<UnitScoreCard>, ProblemHttpResult>> GetScoreCardAsync(
        string year, string code, UnitScoreCardService cards, CancellationToken cancellationToken)
    {
        if (!YearInput.TryParse(year, out var number))
        {
            return YearInput.Problem(year);
        }

        var card = await cards.GetAsync(number, code, cancellationToken);
        return card is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Result not found",
                detail: $"Unit '{code}' has no result for {year}.")
            : TypedResults.Ok(card);
    }
}
