using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ParIndex.Core.Demo;
using ParIndex.Core.Results;
using ParIndex.Scoring;
using ParIndex.Tests;

namespace ParIndex.Web.Tests;

/// <summary>What the public sees, publishing through the pages, and the Excel files read back by LibreOffice.</summary>
public sealed partial class PublicationPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const int Current = DemoSeeder.CurrentYear;
    private const int Previous = DemoSeeder.CurrentYear - 1;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [Fact]
    public async Task Anonymous_ReadsThePublishedYear_ItsCardsAndBlocs_ButNotTheDraft()
    {
        using var client = app.Factory.CreateClient();

        var home = await client.GetStringAsync("/");
        Assert.Contains($"năm {Previous}", home, StringComparison.Ordinal);
        Assert.Contains($"Quyết định {DemoSeeder.PreviousYearDecision.Number} ngày {DemoSeeder.PreviousYearDecision.Date}", home, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"draft\"", home, StringComparison.Ordinal);
        Assert.DoesNotContain($"?year={Current}", home, StringComparison.Ordinal);

        var draft = await client.GetAsync($"/?year={Current}&draft=true");
        Assert.Equal(HttpStatusCode.NotFound, draft.StatusCode);
        Assert.Contains($"Kết quả năm {Current} chưa được công bố", await draft.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var api = await client.GetAsync($"/api/years/{Current}/rankings?draft=true");
        Assert.Equal(HttpStatusCode.NotFound, api.StatusCode);
        Assert.Contains("no published results", await api.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/units/SO01?year={Current}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/exports/{Current}/ranking.xlsx?draft=true")).StatusCode);

        var card = await client.GetStringAsync($"/ket-qua/{Previous}/SO03");
        Assert.Contains("Mặt mạnh", card, StringComparison.Ordinal);
        Assert.Contains("id=\"areas-chart\"", card, StringComparison.Ordinal);
        Assert.Contains("Các tiêu chí bị mất nhiều điểm nhất", card, StringComparison.Ordinal);
        Assert.Contains("/lib/chart.js/chart.umd.min.js", card, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/lib/chart.js/chart.umd.min.js")).StatusCode);

        var bloc = await client.GetStringAsync($"/blocs/XA?year={Previous}");
        Assert.Contains("Phân bố chỉ số", bloc, StringComparison.Ordinal);
        Assert.Contains("id=\"bloc-areas\"", bloc, StringComparison.Ordinal);
        var histogram = HistogramCounts().Matches(bloc).Sum(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(30, histogram); // every commune counted once
    }

    [Fact]
    public async Task SecretaryProposes_AdministratorPublishes_ThroughThePages_ThenThePublicReadsIt()
    {
        using var secretary = await SignedInClients.CookieAsync(app.Factory, "thuky");
        using var admin = await SignedInClients.CookieAsync(app.Factory, "quantri");
        using var anonymous = app.Factory.CreateClient();

        var page = await secretary.GetStringAsync($"/years/{Current}/publication");
        Assert.Contains("id=\"propose-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"propose-form\"", await admin.GetStringAsync($"/years/{Current}/publication"), StringComparison.Ordinal);
        // Without JavaScript the page asks first, naming the consequence, and nothing happens yet.
        var asked = await secretary.PostAsync($"/years/{Current}/publication?handler=Propose", Form(page, ("note", "Đề nghị công bố")));
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var confirmation = await asked.Content.ReadAsStringAsync();
        Assert.Contains("id=\"confirm-box\"", confirmation, StringComparison.Ordinal);
        Assert.Contains("bị khoá", confirmation, StringComparison.Ordinal);
        Assert.Contains("value=\"Đề nghị công bố\"", confirmation, StringComparison.Ordinal); // the note is carried to the confirming post
        Assert.Contains("id=\"propose-form\"", await secretary.GetStringAsync($"/years/{Current}/publication"), StringComparison.Ordinal);
        var proposed = await secretary.PostAsync($"/years/{Current}/publication?handler=Propose", Form(page, ("note", "Đề nghị công bố"), ("confirmed", "true")));
        Assert.Equal(HttpStatusCode.Redirect, proposed.StatusCode);

        var pending = await admin.GetStringAsync($"/years/{Current}/publication");
        Assert.Contains("id=\"publish-form\"", pending, StringComparison.Ordinal);
        var bad = await admin.PostAsync($"/years/{Current}/publication?handler=Publish", Form(pending, ("decisionNumber", "2001/QĐ-UBND"), ("decisionDate", "5/13/2026"), ("confirmed", "true")));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refused = await bad.Content.ReadAsStringAsync();
        Assert.Contains("không đúng dạng ngày/tháng/năm", refused, StringComparison.Ordinal);
        Assert.Contains("value=\"5/13/2026\"", refused, StringComparison.Ordinal); // the typed date is kept
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/?year={Current}")).StatusCode);

        var published = await admin.PostAsync($"/years/{Current}/publication?handler=Publish", Form(pending, ("decisionNumber", "2001/QĐ-UBND"), ("decisionDate", "05/05/2026"), ("confirmed", "true")));
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);

        var home = await anonymous.GetStringAsync("/");
        Assert.Contains($"năm {Current}", home, StringComparison.Ordinal);
        Assert.Contains("Quyết định 2001/QĐ-UBND ngày 05/05/2026", home, StringComparison.Ordinal);
        Assert.Contains($"So với năm {Previous}", home, StringComparison.Ordinal);
        var ranking = await anonymous.GetFromJsonAsync<YearRanking>($"/api/years/{Current}/rankings", Json);
        Assert.Equal(1, ranking!.Publication!.Version);

        // The class filter keeps only that class's rows.
        var classA = await anonymous.GetStringAsync($"/?year={Current}&class=A");
        var rows = RankingRow().Matches(classA).Count;
        var expected = ranking.Blocs.SelectMany(b => b.Units).Count(u => u.Class == "A");
        Assert.Equal(expected, rows);
        Assert.True(expected > 0);

        // Locked now: the survey cannot be rescored.
        var surveyPage = await admin.GetStringAsync($"/years/{Current}/survey");
        var rescore = await admin.PostAsync($"/years/{Current}/survey?handler=Score", Form(surveyPage));
        Assert.Equal(HttpStatusCode.Redirect, rescore.StatusCode);
        Assert.Contains("đã công bố theo Quyết định 2001/QĐ-UBND", await admin.GetStringAsync(rescore.Headers.Location!.ToString()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RankingAnnexXlsx_OpenedByLibreOffice_OneSheetPerBloc_ValuesMatchThePublishedRanking()
    {
        using var client = app.Factory.CreateClient();
        var ranking = await client.GetFromJsonAsync<YearRanking>($"/api/years/{Previous}/rankings", Json);

        var response = await client.GetAsync($"/exports/{Previous}/ranking.xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType?.MediaType);
        var workbook = await response.Content.ReadAsByteArrayAsync();
        var sheets = await DocumentReaders.SheetsAsync(workbook);
        var heights = await DocumentReaders.RowHeightsAsync(workbook);

        Assert.Equal(ranking!.Blocs.Select(b => b.Name).Order(), sheets.Keys.Order());
        var print = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/print/{Previous}/ranking"));
        var printed = Regex.Matches(print[..print.IndexOf("</thead>", StringComparison.Ordinal)], @"<th[^>]*>([^<]*)</th>").Select(m => m.Groups[1].Value).ToList();
        foreach (var bloc in ranking.Blocs)
        {
            var rows = sheets[bloc.Name];
            Assert.Contains($"NĂM {Previous}", rows[0][0], StringComparison.Ordinal);
            Assert.Contains($"{DemoSeeder.PreviousYearDecision.Number}", rows[1][0], StringComparison.Ordinal);
            var header = rows.FindIndex(r => r[0] == "Xếp hạng");
            // LibreOffice lays the header row out tall enough for its wrapped text (three lines of 11 pt ≈ 40 pt), not one line (≈ 13 pt).
            Assert.True(heights[bloc.Name][header] >= 40, $"the header row of {bloc.Name} is {heights[bloc.Name][header]:0.#} pt high in LibreOffice");
            Assert.Equal(rows[header].Where(h => h.Length > 0), printed); // the PDF annex has the Excel annex's columns, in the same words
            Assert.Equal(["Xếp hạng", "Đơn vị", "Điểm thẩm định", "Điểm điều tra XHH", "Điểm thưởng/trừ", "Tổng điểm", "Điểm tối đa áp dụng", "Chỉ số (%)", "Xếp loại"],
                rows[header].Take(9));
            var data = rows.Skip(header + 1).Where(r => r.Length > 1 && r[1].Length > 0).ToList();
            Assert.Equal(bloc.Units.Count, data.Count);
            for (var i = 0; i < data.Count; i++)
            {
                var unit = bloc.Units[i];
                Assert.Equal([unit.Rank.ToString(System.Globalization.CultureInfo.InvariantCulture), unit.UnitName, Number(unit.Appraisal), Number(unit.Survey),
                    Number(unit.BonusPenalty), Number(unit.Total), Number(unit.ApplicableMaximum), Number(unit.Index), unit.Class ?? ""], data[i].Take(9));
            }
        }
    }

    [Fact]
    public async Task DetailXlsx_ForStaff_EveryUnitTimesEveryLeaf_FinalPointsMatchTheScoreCards()
    {
        using var viewer = await SignedInClients.CookieAsync(app.Factory, "lanhdao");
        using var reporter = await SignedInClients.CookieAsync(app.Factory, "nhaplieu");
        Assert.Equal(HttpStatusCode.Redirect, (await reporter.GetAsync($"/exports/{Previous}/detail.xlsx")).StatusCode); // to the denied page

        var sheets = await DocumentReaders.SheetsAsync(await viewer.GetByteArrayAsync($"/exports/{Previous}/detail.xlsx"));

        var rows = sheets.Single().Value;
        var header = rows.FindIndex(r => r[0] == "Khối");
        Assert.Equal(["Khối", "Mã đơn vị", "Đơn vị", "Mã tiêu chí", "Tiêu chí", "Thành phần", "Điểm tối đa", "Tự chấm", "Thẩm định vòng 1",
            "Thẩm định vòng 2", "Điểm cuối cùng", "Điểm điều tra XHH", "Ghi chú"], rows[header]);
        var data = rows.Skip(header + 1).Where(r => r.Length > 3 && r[1].Length > 0).ToList();
        using var anonymous = app.Factory.CreateClient();
        using var card = JsonDocument.Parse(await anonymous.GetStringAsync($"/api/years/{Previous}/units/SO03"));
        var leaves = card.RootElement.GetProperty("nodes").EnumerateArray().Where(n => n.GetProperty("isLeaf").GetBoolean()).ToList();
        Assert.Equal(50 * leaves.Count, data.Count);
        foreach (var leaf in leaves)
        {
            var row = data.Single(r => r[1] == "SO03" && r[3] == leaf.GetProperty("code").GetString());
            var survey = leaf.GetProperty("component").GetString() == "survey";
            var shown = survey ? row[11] : row[10];
            if (leaf.GetProperty("notApplicable").GetBoolean())
            {
                Assert.Equal(("", "Không đánh giá"), (shown, row[12]));
            }
            else
            {
                // A leaf's points: what it achieved within the 100, plus its net bonus/penalty (only bonus/penalty leaves have one).
                Assert.True(leaf.GetProperty("points").GetDecimal() + leaf.GetProperty("bonusPenalty").GetDecimal() == Math.Round(decimal.Parse(shown, System.Globalization.CultureInfo.InvariantCulture), 2, MidpointRounding.AwayFromZero),
                    $"{leaf.GetProperty("code").GetString()}: card {leaf.GetProperty("points").GetDecimal()}, detail {string.Join("|", row)}");
            }
        }
    }

    private static string Number(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);

    private static FormUrlEncodedContent Form(string page, params (string Name, string Value)[] fields) =>
        new([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)),
            new KeyValuePair<string, string>("__RequestVerificationToken", SignedInClients.Antiforgery(page))]);

    [GeneratedRegex(@"<tr><th scope=""row"">\d+–[^<]*</th><td>(\d+)</td></tr>")]
    private static partial Regex HistogramCounts();

    [GeneratedRegex(@"<tr class=""[^""]*"" data-unit=""|<tr data-unit=""")]
    private static partial Regex RankingRow();
}

/// <summary>Earlier years' published tables imported through the page and the API: the same reader as <c>parindex rank</c>.</summary>
public sealed class ResultsImportPagesTests(DemoApp app) : IClassFixture<DemoApp>
{
    [Fact]
    public async Task ImportPage_ListsEveryProblem_ThenImportsTwoYears_AndRankChangesWorkFromTheFirst()
    {
        using var admin = await SignedInClients.CookieAsync(app.Factory, "quantri");
        using var anonymous = app.Factory.CreateClient();
        var page = await admin.GetStringAsync("/results/import");
        Assert.Contains("id=\"results-import-form\"", page, StringComparison.Ordinal);

        var bad = await admin.PostAsync("/results/import", Upload(page, "2019", "khối;đơn vị;điểm thẩm định;điểm điều tra xã hội học\nKhối A;Đơn vị 1;60;30\nKhối A;Đơn vị 2;sáu mươi;30\n", "2019.csv"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var refusal = await bad.Content.ReadAsStringAsync();
        Assert.Contains("2019.csv: dòng 3, cột C", refusal, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/?year=2019")).StatusCode);

        var first = await admin.PostAsync("/results/import", Upload(page, "2019",
            "khối;đơn vị;điểm thẩm định;điểm điều tra xã hội học;điểm tối đa\nKhối A;Đơn vị 1;60;30;100\nKhối A;Đơn vị 2;55;30;100\nKhối A;Đơn vị 3;50;30;100\n", "2019.csv"));
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        using var bearer = await SignedInClients.BearerAsync(app.Factory, "quantri");
        using var api = new MultipartFormDataContent
        {
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes("bloc,unit,appraisal,survey\nKhối A,Đơn vị 1,50,30\nKhối A,Đơn vị 2,55,30\nKhối A,Đơn vị 3,65,30\n")), "file", "2020.csv" },
        };
        var second = await bearer.PostAsync("/api/years/2020/results", api);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        // Imported from published tables, both years are public; 2020 compares with 2019.
        var html = await anonymous.GetStringAsync("/?year=2020");
        Assert.Contains("Kết quả nhập từ bảng đã công bố", html, StringComparison.Ordinal);
        var ranking = await anonymous.GetFromJsonAsync<JsonElement>("/api/years/2020/rankings");
        var units = ranking.GetProperty("blocs")[0].GetProperty("units").EnumerateArray()
            .ToDictionary(u => u.GetProperty("unitName").GetString()!, u => (u.GetProperty("rank").GetInt32(), u.GetProperty("rankChange").GetInt32()));
        Assert.Equal((1, 2), units["Đơn vị 3"]); // third in 2019, first in 2020
        Assert.Equal((3, -2), units["Đơn vị 1"]);
    }

    private static MultipartFormDataContent Upload(string page, string year, string csv, string name) => new()
    {
        { new StringContent(year), "Year" },
        { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv)), "file", name },
        { new StringContent(SignedInClients.Antiforgery(page)), "__RequestVerificationToken" },
    };
}
