using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ParIndex.Web.Infrastructure;

/// <summary>
/// A year as typed in a URL. Parsed by hand rather than by a route constraint, so that "abc" gets a
/// clear 400 instead of matching no endpoint (which deny-by-default would answer with 401).
/// </summary>
public static class YearInput
{
    public static bool TryParse(string? text, out int year) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out year) && year is >= 1900 and <= 2200;

    /// <summary>Parses a year, or gives the 400 answer to return.</summary>
    public static bool TryParse(string? text, out int year, out IResult problem)
    {
        problem = Problem(text);
        return TryParse(text, out year);
    }

    public static ProblemHttpResult Problem(string? text) =>
        TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid year",
            detail: $"'{text}' is not a year: write it with four digits, e.g. 2025.");
}
