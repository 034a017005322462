using Microsoft.AspNetCore.Http.HttpResults;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Rankings;

/// <summary>The published rankings of a year, per bloc.</summary>
public static class RankingsApi
{
    public static IEndpointRouteBuilder MapRankingsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/years/{year}").WithTags("Rankings");

        group.MapGet("/rankings", GetRankingsAsync)
            .RequireAuthorization(Policies.Public)
            .WithName("GetRankings")
            .WithSummary("The year's ranking of every bloc")
            .WithDescription("Units ranked by index inside their bloc (competition ranking on the index rounded to two decimals), " +
                "with rank and index changes against the previous year and bloc averages. Numbers are as published: two decimals.");
        return routes;
    }

    private static async Task<Results<Ok<YearRanking>, ProblemHttpResult>> GetRankingsAsync(
        string year, RankingService rankings, CancellationToken cancellationToken)
    {
        if (!YearInput.TryParse(year, out var number))
        {
            return YearInput.Problem(year);
        }

        var ranking = await rankings.GetAsync(number, cancellationToken);
        return ranking is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Year not found",
                detail: $"There is no assessment year {year}.")
            : TypedResults.Ok(ranking);
    }
}
