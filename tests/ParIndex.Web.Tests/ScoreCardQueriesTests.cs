using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Core.Results;

namespace ParIndex.Web.Tests;

/// <summary>
/// A score card costs a fixed, small number of SQL statements whatever the unit's history (issue 13):
/// counted from Npgsql's own trace of each command, for one request only (its trace id).
/// </summary>
public sealed class ScoreCardQueriesTests(DemoApp app) : IClassFixture<DemoApp>, IDisposable
{
    private const int Previous = DemoSeeder.CurrentYear - 1;

    /// <summary>
    /// What one anonymous card may cost: the published versions, the card's unit and nodes, the unit's
    /// lineage, the imported years, and the year before's unit, areas and area links.
    /// </summary>
    private const int Statements = 8;

    private readonly ConcurrentDictionary<ActivityTraceId, int> _commands = new();
    private readonly ActivityListener _listener = new();
    private readonly ConcurrentQueue<(ActivityTraceId, string)> _texts = new();
    private ActivityTraceId _last;

    [Fact]
    public async Task AnonymousCard_SameStatements_WithFiveMoreYearsOfHistory()
    {
        StartListening();
        var withTwoYears = await StatementsAsync($"/ket-qua/{Previous}/SO03");
        Assert.True(withTwoYears <= Statements, Listed(withTwoYears));

        // Five earlier years imported from their published tables: the card's trend now goes back to 2018.
        using (var scope = app.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
            var units = await db.Units.AsNoTracking().Where(u => u.Code == "SO03" || u.Code == "SO04")
                .Select(u => new { u.Code, u.Name, Bloc = u.Bloc!.Name }).ToListAsync();
            foreach (var year in Enumerable.Range(Previous - 6, 5))
            {
                var rows = units.Select((u, i) => new ResultsTableRow(i + 1, u.Name, u.Bloc, 60m + year - 2000 + i, 10m, 100m, u.Code)).ToList();
                var outcome = await scope.ServiceProvider.GetRequiredService<ResultsImportService>().ImportAsync(new ResultsImportRequest(year), rows);
                Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
            }
        }

        using var client = app.Factory.CreateClient();
        var page = await client.GetStringAsync($"/ket-qua/{Previous}/SO03");
        Assert.Contains($"{Previous - 6}", page, StringComparison.Ordinal); // the trend shows the first imported year
        var withSevenYears = await StatementsAsync($"/ket-qua/{Previous}/SO03");
        Assert.True(withSevenYears == withTwoYears, Listed(withSevenYears));
        var importedCard = await StatementsAsync($"/ket-qua/{Previous - 3}/SO03"); // a year known only from its published table
        Assert.True(importedCard <= Statements, Listed(importedCard));
    }

    public void Dispose() => _listener.Dispose();

    /// <summary>The statements of the last request counted <paramref name="count"/>, for a failure's message.</summary>
    private string Listed(int count)
    {
        var trace = _last;
        return $"{count} statements:\n" + string.Join("\n---\n", _texts.Where(t => t.Item1 == trace).Select(t => t.Item2[..Math.Min(200, t.Item2.Length)]));
    }

    private void StartListening()
    {
        _listener.ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore";
        _listener.Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded;
        _listener.ActivityStopped = activity =>
        {
            // Npgsql traces each command (a batch is one round trip, one trace) and each connection taken from the pool (CONNECT).
            if (activity.Source.Name == "Npgsql" && !activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal))
            {
                _commands.AddOrUpdate(activity.TraceId, 1, (_, n) => n + 1);
                _texts.Enqueue((activity.TraceId, activity.GetTagItem("db.query.text")?.ToString() ?? activity.DisplayName));
            }
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>
    /// The statements of one anonymous request for <paramref name="path"/>, after a first request that
    /// fills the in-memory rankings; a parameter the page ignores keeps the page cache out of it.
    /// </summary>
    private async Task<int> StatementsAsync(string path)
    {
        using var client = app.Factory.CreateClient();
        using (var warm = await client.GetAsync(path + "?uncached=1"))
        {
            Assert.Equal(HttpStatusCode.OK, warm.StatusCode);
        }

        var trace = _last = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, path + "?uncached=1");
        request.Headers.Add("traceparent", $"00-{trace}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return _commands.GetValueOrDefault(trace);
    }
}
