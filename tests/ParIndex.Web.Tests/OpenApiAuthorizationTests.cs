using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ParIndex.Core.Demo;

namespace ParIndex.Web.Tests;

/// <summary>
/// The authorisation matrix is complete by construction: every operation the app's OpenAPI document
/// describes must have its row in <see cref="AuthorizationMatrixTests.Endpoints"/> (the one table of
/// expected outcomes, run there for anonymous and every role), so a new endpoint without an entry fails
/// here. And every operation scoped to a unit refuses that unit's reporter and head on another unit.
/// </summary>
public sealed class OpenApiAuthorizationTests(DemoApp app) : IClassFixture<DemoApp>
{
    private static IEnumerable<(string Method, string Path, string? Body, string Allowed)> Rows() =>
        AuthorizationMatrixTests.Endpoints.Select(r => ((string)r[0], (string)r[1], (string?)r[2], (string)r[3]));

    /// <summary>Downloads signed in by cookie, checked by role in the matrix's page theory (its InlineData rows).</summary>
    private static IEnumerable<(string Method, string Path)> PageRows() =>
        typeof(AuthorizationMatrixTests).GetMethod(nameof(AuthorizationMatrixTests.EachRole_OnEachSurveyPage_IsShownOrSentToTheDeniedPage))!
            .GetCustomAttributes(typeof(InlineDataAttribute), false).Cast<InlineDataAttribute>()
            .SelectMany(a => a.GetData(null!)).Select(d => ("GET", (string)d[0]));

    private async Task<List<(string Method, string Template)>> OperationsAsync()
    {
        using var client = app.Factory.CreateClient();
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        return [.. document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => operation.Name is "get" or "post" or "put" or "delete" or "patch")
                .Select(operation => (operation.Name.ToUpperInvariant(), path.Name)))];
    }

    private static bool Matches(string template, string path)
    {
        var pattern = "^" + Regex.Replace(Regex.Escape(template), @"\\\{[^}]+}", "[^/]+") + "$";
        return Regex.IsMatch(path.Split('?')[0], pattern);
    }

    [Fact]
    public async Task EveryOperationOfTheOpenApiDocument_HasItsRowInTheMatrix_AndEveryApiRowAnOperation()
    {
        var operations = await OperationsAsync();
        var rows = Rows().ToList();

        var pages = PageRows().ToList();
        var missing = operations.Where(o => !rows.Any(r => r.Method == o.Method && Matches(o.Template, r.Path))
            && !pages.Any(p => p.Method == o.Method && Matches(o.Template, p.Path))).ToList();
        var stale = rows.Where(r => r.Path.StartsWith("/api/", StringComparison.Ordinal)
            && !operations.Any(o => o.Method == r.Method && Matches(o.Template, r.Path))).ToList();

        Assert.True(operations.Count > 70, $"{operations.Count} operations");
        Assert.True(missing.Count == 0, "Operations without a row in AuthorizationMatrixTests.Endpoints: " + string.Join(", ", missing.Select(m => $"{m.Method} {m.Template}")));
        Assert.True(stale.Count == 0, "Rows for no operation: " + string.Join(", ", stale.Select(s => $"{s.Method} {s.Path}")));
    }

    [Fact]
    public async Task UnitScopedOperations_RefuseAUnitsStaff_OnAnotherUnit()
    {
        var foreign = Rows().Where(r => r.Path.Contains($"/units/{DemoAccounts.Unit}", StringComparison.Ordinal)
            && (r.Allowed.Contains("reporter", StringComparison.Ordinal) || r.Allowed == "public")
            && !r.Path.StartsWith("/api/years/2025/units/SO03/assessment/leaves/1.1.3/evidence", StringComparison.Ordinal)).ToList();
        Assert.True(foreign.Count >= 10, $"{foreign.Count} unit-scoped rows");

        foreach (var userName in new[] { "nhaplieu", "thutruong" })
        {
            using var client = await SignedInClients.BearerAsync(app.Factory, userName);
            foreach (var (method, path, body, _) in foreign)
            {
                var other = path.Replace($"/units/{DemoAccounts.Unit}", "/units/SO01", StringComparison.Ordinal);
                var response = await client.SendAsync(AuthorizationMatrixTests.Request(method, other, body));
                if (method == "GET" && other.Contains("/ket-qua/", StringComparison.Ordinal))
                {
                    continue; // published results are public
                }

                Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                    $"{userName} {method} {other}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
