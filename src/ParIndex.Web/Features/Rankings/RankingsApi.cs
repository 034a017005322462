using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Features.Rankings;

/// <summary>The rankings of a year, per bloc: published versions for everyone, the draft for those who oversee the assessment.</summary>
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
                "with rank and index changes against the previous year, bloc averages and award marks. Numbers are as published: two decimals. " +
                "Without sign-in: the latest published version (or `version`). Administrators, the council and viewers also read the " +
                "live draft (`draft=true`, or by default before publication); `publication` tells which one this is.");
        group.MapPost("/results", ImportResultsAsync)
            .RequireAuthorization(Policies.Administrator)
            .DisableAntiforgery()
            .WithName("ImportResults")
            .WithSummary("Import a published results table as the year's results (years before ParIndex)")
            .WithDescription("Multipart: `file` (.csv or .xlsx, the format of `parindex rank`), optional `title`, `replace`. All or nothing: " +
                "400 lists every problem with its line and column.")
            .WithFormOptions(multipartBodyLengthLimit: SurveyUpload.MaxTableBytes);
        return routes;
    }

    private static async Task<IResult> ImportResultsAsync(string year, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? title,
        [Microsoft.AspNetCore.Mvc.FromForm] bool? replace, ResultsImportService imports, CancellationToken cancellationToken)
    {
        if (!YearInput.TryParse(year, out var number, out var bad))
        {
            return bad;
        }

        var (content, problem) = await SurveyUpload.ReadAsync(file, SurveyUpload.MaxTableBytes, "ResultsFileRequired", cancellationToken);
        if (content is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [problem!] });
        }

        var table = ResultsTable.Read(content, file!.FileName);
        var outcome = table.IsValid
            ? await imports.ImportAsync(new ResultsImportRequest(number, title, replace == true), table.Rows, cancellationToken)
            : new ResultsImportOutcome([.. table.Errors.Select(e => e.ToString())], 0, 0, 0);
        return outcome.Succeeded
            ? TypedResults.Ok(new { outcome.Results, outcome.BlocsCreated, outcome.UnitsCreated })
            : TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [.. outcome.Errors] },
                detail: Core.Messages.Get("ResultsNotImported", outcome.Errors.Count));
    }

    private static async Task<Results<Ok<YearRanking>, ProblemHttpResult>> GetRankingsAsync(
        string year, bool? draft, int? version, ClaimsPrincipal user, ResultsReader reader, ParIndex.Core.Data.ParIndexDbContext db,
        CancellationToken cancellationToken)
    {
        if (!YearInput.TryParse(year, out var number))
        {
            return YearInput.Problem(year);
        }

        var ranking = await reader.RankingAsync(user.ToActorOrNull(), number, draft == true, version, cancellationToken);
        if (ranking is not null)
        {
            return TypedResults.Ok(ranking);
        }

        return await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Years, y => y.Year == number, cancellationToken)
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not published",
                detail: $"There are no published results for {year}{(version is { } v ? $" (version {v})" : "")}.")
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Year not found", detail: $"There is no assessment year {year}.");
    }
}
