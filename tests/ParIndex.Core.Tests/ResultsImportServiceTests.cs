using System.Text;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Results;
using ParIndex.Core.Units;
using ParIndex.Core.Years;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

public sealed class ResultsImportServiceTests : IAsyncLifetime
{
    private const string Hanoi2022 = """
        đơn vị,khối,điểm thẩm định,điểm điều tra xã hội học,điểm tối đa
        Sở Lao động - Thương binh và Xã hội,"Khối sở, ngành","62,25","27,14","97,5"
        Sở Nội vụ,"Khối sở, ngành","61,2","28,1","97,5"
        Quận Hoàn Kiếm,"Khối quận, huyện","64,43","29,73",98
        """;

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        await db.Database.MigrateAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task Import_PublishedTable_StoresTheYear_AndTheRankingShowsIt()
    {
        await using var db = _database.CreateContext();

        var outcome = await Import(db, Hanoi2022, new ResultsImportRequest(2022, "Quyết định công bố Chỉ số CCHC 2022"));

        Assert.True(outcome.Succeeded, string.Join("; ", outcome.Errors));
        Assert.Equal((3, 2, 3), (outcome.Results, outcome.BlocsCreated, outcome.UnitsCreated));
        var ranking = await new RankingService(db).GetAsync(2022);
        Assert.Equal("Quyết định công bố Chỉ số CCHC 2022", ranking!.Title);
        Assert.Equal([91.68m, 91.59m], ranking.Blocs[0].Units.Select(u => u.Index));
        Assert.Equal(96.08m, ranking.Blocs[1].Units.Single().Index);
        Assert.Equal(["SO-LAO-DONG-THUONG-BINH-VA-XA-HOI", "SO-NOI-VU"], ranking.Blocs[0].Units.Select(u => u.UnitCode));
        var card = await new UnitScoreCardService(db, new RankingService(db)).GetAsync(2022, "SO-NOI-VU");
        Assert.Equal((91.59m, 0), (card!.Ranking.Index, card.Nodes.Count)); // imported: no leaf detail
    }

    [Fact]
    public async Task Import_SameYearAgain_IsRefusedUnlessReplacing_AndMatchesExistingUnits()
    {
        await using (var db = _database.CreateContext())
        {
            Assert.True((await Import(db, Hanoi2022, new ResultsImportRequest(2022))).Succeeded);
        }

        await using (var db = _database.CreateContext())
        {
            var again = await Import(db, Hanoi2022, new ResultsImportRequest(2022));
            Assert.Contains("đã có 3 kết quả nhập từ tệp", Assert.Single(again.Errors), StringComparison.Ordinal);
        }

        await using (var db = _database.CreateContext())
        {
            var replaced = await Import(db, Hanoi2022.Replace("\"62,25\"", "\"60\"", StringComparison.Ordinal), new ResultsImportRequest(2022, Replace: true));
            Assert.Equal((3, 0, 0), (replaced.Results, replaced.BlocsCreated, replaced.UnitsCreated));
            Assert.Equal(3, await db.UnitResults.CountAsync());
            Assert.Equal(60m, (await db.UnitResults.Include(r => r.Unit).SingleAsync(r => r.Unit!.Name == "Sở Lao động - Thương binh và Xã hội")).Appraisal);
        }
    }

    [Fact]
    public async Task Import_UnitsByCode_AndAmbiguousNames_AreRefusedWithoutStoringAnything()
    {
        await using var db = _database.CreateContext();
        var north = new Bloc { Code = "N", Name = "Bắc" };
        var south = new Bloc { Code = "S", Name = "Nam" };
        db.AddRange(new Unit { Code = "X1", Name = "Xã Tân Lập", Bloc = north }, new Unit { Code = "X2", Name = "Xã Tân Lập", Bloc = south });
        await db.SaveChangesAsync();

        var ambiguous = await Import(db, "unit,bloc,appraisal,survey\nXã Tân Lập,Trung,60,30\n", new ResultsImportRequest(2023));
        var byCode = await Import(db, "unit,bloc,appraisal,survey,code\nXã Tân Lập,Nam,60,30,x2\nXã Tân Lập,Bắc,61,30,X1\n", new ResultsImportRequest(2024));

        Assert.Contains("Dòng 2: có nhiều đơn vị tên 'Xã Tân Lập' (X1, X2)", Assert.Single(ambiguous.Errors), StringComparison.Ordinal);
        Assert.False(await db.Years.AnyAsync(y => y.Year == 2023));
        Assert.Equal((2, 0, 0), (byCode.Results, byCode.BlocsCreated, byCode.UnitsCreated));
    }

    [Fact]
    public async Task Import_OverAYearAssessedInParIndex_IsRefused()
    {
        await using var db = _database.CreateContext();
        var year = new AssessmentYear { Year = 2025, Title = "2025", CreatedAt = DateTimeOffset.UnixEpoch };
        var bloc = new Bloc { Code = "B", Name = "B" };
        var unit = new Unit { Code = "U", Name = "U", Bloc = bloc };
        db.AddRange(year, bloc, unit);
        await db.SaveChangesAsync();
        var framework = new FrameworkVersion { AssessmentYearId = year.Id, Version = "v", Name = "v" };
        db.Frameworks.Add(framework);
        await db.SaveChangesAsync();
        db.YearUnits.Add(new YearUnit { AssessmentYearId = year.Id, UnitId = unit.Id, BlocId = bloc.Id, FrameworkId = framework.Id });
        await db.SaveChangesAsync();

        var outcome = await Import(db, Hanoi2022, new ResultsImportRequest(2025, Replace: true));

        Assert.Contains("Năm 2025 được đánh giá trong ParIndex", Assert.Single(outcome.Errors), StringComparison.Ordinal);
        Assert.Equal(1, await db.YearUnits.CountAsync());
    }

    [Fact]
    public async Task Replace_RemovesWhatTheReplacedTableCreated_AndNothingElseUses()
    {
        // A bit-flipped table that still parsed: a junk bloc and a junk unit (issue 12, defect 6).
        const string Junk = """
            đơn vị,khối,điểm thẩm định,điểm điều tra xã hội học
            Sở Nội vụ,"Khối sở, ngành",61,28
            Sở Nội vụ#,"Khối sở, ngàn#",60,27
            Sở Tư pháp,"Khối sở, ngành",60,27
            """;
        await using (var db = _database.CreateContext())
        {
            Assert.True((await Import(db, Junk, new ResultsImportRequest(2021))).Succeeded);
            // Sở Tư pháp is used by another year's table too, so it must stay.
            Assert.True((await Import(db, "đơn vị,khối,điểm thẩm định,điểm điều tra xã hội học\nSở Tư pháp,\"Khối sở, ngành\",59,27\n", new ResultsImportRequest(2020))).Succeeded);
        }

        await using (var db = _database.CreateContext())
        {
            var clean = await Import(db, "đơn vị,khối,điểm thẩm định,điểm điều tra xã hội học\nSở Nội vụ,\"Khối sở, ngành\",61,28\n", new ResultsImportRequest(2021, Replace: true));
            Assert.True(clean.Succeeded, string.Join("; ", clean.Errors));
        }

        await using (var check = _database.CreateContext())
        {
            Assert.Equal(["Khối sở, ngành"], await check.Blocs.Select(b => b.Name).ToListAsync());
            Assert.Equal(["Sở Nội vụ", "Sở Tư pháp"], await check.Units.OrderBy(u => u.Name).Select(u => u.Name).ToListAsync());
        }
    }

    [Fact]
    public void Table_CodesAndNamesPastTheirLimit_AreRefusedNamingTheCell()
    {
        var longName = new string('x', TextLimits.Name + 1);
        var longCode = new string('X', TextLimits.Code + 1);
        var csv = $"unit,bloc,appraisal,survey,code\n{longName},B,60,30,A\nA,B,60,30,{longCode}\n";

        var table = ResultsTable.Read(Encoding.UTF8.GetBytes(csv), "t.csv");

        Assert.Equal([(2, "A 'unit'"), (3, "E 'code'")], table.Errors.Select(e => (e.Line, e.Column)));
        Assert.All(table.Errors, e => Assert.StartsWith("Dài ", e.Message, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sở Tài chính", "SO-TAI-CHINH")]
    [InlineData("Đài Phát thanh và Truyền hình tỉnh", "DAI-PHAT-THANH-VA-TRUYEN-HINH-TINH")]
    [InlineData("Phường Văn Miếu - Quốc Tử Giám", "PHUONG-VAN-MIEU-QUOC-TU-GIAM")]
    [InlineData("Sở Nội vụ", "SO-NOI-VU-2")]
    public void UniqueCode_AsciiFromVietnamese_SuffixedWhenTaken(string name, string expected) =>
        Assert.Equal(expected, ResultsImportService.UniqueCode(name, ["SO-NOI-VU"]));

    private static async Task<ResultsImportOutcome> Import(ParIndexDbContext db, string csv, ResultsImportRequest request)
    {
        var table = ResultsTable.Read(Encoding.UTF8.GetBytes(csv.ReplaceLineEndings("\n")), "table.csv");
        Assert.True(table.IsValid, string.Join("; ", table.Errors));
        return await new ResultsImportService(db, TimeProvider.System, new ParIndex.Core.Publishing.PublishedGeneration(TimeProvider.System)).ImportAsync(request, table.Rows);
    }
}
