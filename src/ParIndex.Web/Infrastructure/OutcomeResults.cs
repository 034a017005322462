using ParIndex.Core;

namespace ParIndex.Web.Infrastructure;

/// <summary>Service outcomes as HTTP results: 200/204, 404, 403, 400 (validation problem naming each field) or 409 (with the current value).</summary>
public static class OutcomeResults
{
    public static IResult ToResult(this Outcome outcome, Func<object?, object?>? project = null)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return outcome.Kind switch
        {
            OutcomeKind.Ok => project is null ? TypedResults.NoContent() : TypedResults.Ok(project(outcome.Value)),
            OutcomeKind.NotFound => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status404NotFound),
            OutcomeKind.Forbidden => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status403Forbidden),
            OutcomeKind.Conflict => TypedResults.Problem(outcome.Message, statusCode: StatusCodes.Status409Conflict,
                extensions: new Dictionary<string, object?> { ["current"] = project is null ? null : project(outcome.Value) }),
            _ => TypedResults.ValidationProblem(
                outcome.Problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
                detail: outcome.Message),
        };
    }
}
