using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Data;
using ParIndex.Tests;

namespace ParIndex.Web.Tests;

/// <summary>
/// Every import (survey responses, results tables, frameworks) fed a few hundred mutated files from a
/// fixed seed — cut short, bytes flipped, invalid UTF-8, NUL bytes, huge cells, thousands of columns, zip
/// bombs: never a 5xx; every refusal names a line (or the file); a refused file changes no row; and the
/// process's memory stays within 256 MB of where it started (issue 12, defects 2 and 5).
/// </summary>
public sealed partial class ImportFuzzTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const int Seed = 20261201;
    private const int PerImport = 90;
    private const long MemoryBound = 256L * 1024 * 1024;

    private sealed record Target(string Name, string Url, Func<Random, byte[]> Seed, Func<JsonElement, IEnumerable<string>> Refusals);

    private static readonly string SurveyCsv = "mã đơn vị,nhóm,mã phiếu,ND1,ND7,ND8\n"
        + string.Concat(Enumerable.Range(1, 12).Select(i => $"SO0{1 + (i % 5)},nguoidan,fuzz-{i},{1 + (i % 5)},{i % 2},{1 + (i % 3)}\n"));

    private const string ResultsCsv = """
        đơn vị,khối,điểm thẩm định,điểm điều tra xã hội học,điểm tối đa,mã đơn vị
        Sở Nội vụ,"Khối sở, ngành","61,2","28,1","97,5",SO01
        Sở Tư pháp,"Khối sở, ngành","60,25","27,5",98,SO03
        Quận Một,"Khối quận, huyện",64,29,98,QH01
        """;

    private static readonly object?[][] FrameworkRows =
    [
        ["mã", "mã cha", "tên", "điểm tối đa", "thành phần", "cách chấm", "tham số", "bắt buộc tài liệu kiểm chứng"],
        ["1", "", "Công tác chỉ đạo", "", "", "", "", ""],
        ["1.1", "1", "Kế hoạch cải cách hành chính", 2m, "thẩm định", "yesno", "", "có"],
        ["1.2", "1", "Báo cáo định kỳ", 1m, "thẩm định", "yesno", "", ""],
    ];

    [Fact]
    public async Task EveryImport_MutatedFiles_NeverA5xx_RefusalsNamed_NothingStoredWhenRefused_MemoryBounded()
    {
        using var admin = await SignedInClients.BearerAsync(app.Factory, "quantri");
        int source;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
            source = await db.Frameworks.Where(f => db.Years.Any(y => y.Id == f.AssessmentYearId && y.Year == 2025)).MinAsync(f => f.Id);
        }

        // A draft copy to import into (a version in use would refuse for that reason alone).
        var copy = await admin.PostAsync(new Uri($"/api/years/2025/frameworks/{source}/copy", UriKind.Relative),
            new StringContent("""{"version":"fuzz","name":"Bộ thử nghiệm"}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, copy.StatusCode);
        using var copied = JsonDocument.Parse(await copy.Content.ReadAsStringAsync());
        var draft = copied.RootElement.GetProperty("id").GetInt32();
        var targets = new[]
        {
            new Target("survey", "/api/years/2025/survey/responses", r => Variant(r, SurveyCsv), SurveyRefusals),
            new Target("results", "/api/years/2019/results", r => Variant(r, ResultsCsv.ReplaceLineEndings("\n")), ResultsRefusals),
            new Target("framework", $"/api/years/2025/frameworks/{draft}/xlsx", r => r.Next(2) == 0 ? XlsxFile.Create(FrameworkRows) : Csv(FrameworkRows), ResultsRefusals),
        };
        var random = new Random(Seed);
        var baseline = Environment.WorkingSet;
        var peak = baseline;
        var bomb = RawXlsx.Create(RawXlsx.Texts("mã đơn vị", "nhóm", "ND1"), Enumerable.Repeat("<c><v>1</v></c>", 10_000_000));
        var failures = new List<string>();
        var tried = 0;
        var refused = 0;

        foreach (var target in targets)
        {
            for (var i = 0; i < PerImport; i++)
            {
                var (kind, file) = i == 0 ? ("zip bomb", bomb) : Mutate(random, target.Seed(random));
                var before = await CountsAsync();
                using var content = new MultipartFormDataContent { { new ByteArrayContent(file), "file", i % 2 == 0 ? "tep.csv" : "tep.xlsx" } };
                if (target.Name == "results")
                {
                    content.Add(new StringContent("true"), "replace");
                }

                var response = await admin.PostAsync(new Uri(target.Url, UriKind.Relative), content);
                tried++;
                peak = Math.Max(peak, Environment.WorkingSet);
                var body = await response.Content.ReadAsStringAsync();
                var where = $"{target.Name} #{i} ({kind}, {file.Length} bytes)";
                if ((int)response.StatusCode >= 500)
                {
                    failures.Add($"{where}: {(int)response.StatusCode} {body}");
                    continue;
                }

                if (response.IsSuccessStatusCode)
                {
                    continue;
                }

                if (response.StatusCode != HttpStatusCode.BadRequest)
                {
                    failures.Add($"{where}: {(int)response.StatusCode} {body}");
                    continue;
                }

                refused++;
                using var json = JsonDocument.Parse(body);
                var refusals = target.Refusals(json.RootElement).ToList();
                if (refusals.Count == 0 || refusals.Any(r => !LineNamed().IsMatch(r)))
                {
                    failures.Add($"{where}: a refusal that names no line: {body}");
                }

                if (await CountsAsync() != before)
                {
                    failures.Add($"{where}: refused, but rows changed");
                }
            }
        }

        Assert.Equal(3 * PerImport, tried);
        Assert.InRange(refused, PerImport, tried); // most mutations are refused; some still import
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(peak - baseline < MemoryBound, $"working set grew by {(peak - baseline) / (1024 * 1024)} MB");
    }

    /// <summary>One of the mutations, named; the seed's file is sometimes kept whole (and then imports).</summary>
    private static (string Kind, byte[] File) Mutate(Random random, byte[] file)
    {
        switch (random.Next(9))
        {
            case 0:
                return ("cut short", file[..random.Next(file.Length)]);
            case 1:
                var flipped = file.ToArray();
                for (var n = random.Next(1, 9); n > 0; n--)
                {
                    flipped[random.Next(flipped.Length)] ^= (byte)(1 << random.Next(8));
                }

                return ("bytes flipped", flipped);
            case 2:
                return ("invalid UTF-8", Insert(random, file, [0xC3, 0x28, 0xFF]));
            case 3:
                return ("NUL bytes", Insert(random, file, [0, 0]));
            case 4:
                return ("huge cell", Insert(random, file, Encoding.UTF8.GetBytes(new string('x', 1_000_000))));
            case 5:
                return ("many columns", Insert(random, file, Encoding.UTF8.GetBytes(new string(',', 5000))));
            case 6:
                return ("garbage", Enumerable.Range(0, random.Next(1, 4096)).Select(_ => (byte)random.Next(256)).ToArray());
            case 7:
                return ("empty", []);
            default:
                return ("whole", file);
        }
    }

    private static byte[] Insert(Random random, byte[] file, byte[] what)
    {
        var at = random.Next(file.Length + 1);
        return [.. file.AsSpan(0, at), .. what, .. file.AsSpan(at)];
    }

    /// <summary>The seed as CSV or as .xlsx (its rows as text cells).</summary>
    private static byte[] Variant(Random random, string csv) =>
        random.Next(2) == 0
            ? Encoding.UTF8.GetBytes(csv)
            : XlsxFile.Create([.. csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => SplitCsv(line).Cast<object?>().ToArray())]);

    private static byte[] Csv(object?[][] rows) =>
        Encoding.UTF8.GetBytes(string.Concat(rows.Select(r => string.Join(',', r.Select(c => $"\"{Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture)}\"")) + "\n")));

    private static string[] SplitCsv(string line) =>
        [.. CsvCell().Matches(line).Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value)];

    private static IEnumerable<string> SurveyRefusals(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array
            ? errors.EnumerateArray().Select(e => e.GetProperty("line").GetInt32() >= 1 ? $"dòng {e.GetProperty("line").GetInt32()}" : e.GetProperty("message").GetString()!)
            : FieldRefusals(body);

    private static IEnumerable<string> ResultsRefusals(JsonElement body) => FieldRefusals(body);

    private static IEnumerable<string> FieldRefusals(JsonElement body) =>
        body.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object
            ? errors.EnumerateObject().SelectMany(field => field.Value.EnumerateArray().Select(m => field.Name == "file" && !LineNamed().IsMatch(m.GetString()!)
                ? FileLevel(m.GetString()!) : m.GetString()!))
            : [];

    // A refusal of the whole file (too large, no file) names the file field, which is where it is.
    private static string FileLevel(string message) => message.Contains("MB", StringComparison.Ordinal) || message.Contains("Chọn tệp", StringComparison.Ordinal) ? "dòng 1 (tệp)" : message;

    private async Task<(int, int, int, int, int, int, int)> CountsAsync()
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        return (await db.SurveyRespondents.CountAsync(), await db.SurveyImports.CountAsync(), await db.UnitResults.CountAsync(), await db.Blocs.CountAsync(),
            await db.Units.CountAsync(), await db.FrameworkNodes.CountAsync(), await db.YearUnits.CountAsync());
    }

    [GeneratedRegex(@"[Dd]òng \d+")]
    private static partial Regex LineNamed();

    [GeneratedRegex("\"([^\"]*)\"|([^,]+)")]
    private static partial Regex CsvCell();
}
