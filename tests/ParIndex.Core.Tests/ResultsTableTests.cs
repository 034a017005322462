using System.Text;
using ParIndex.Core.Results;
using ParIndex.Scoring;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

public sealed class ResultsTableTests
{
    private static ResultsTableReadResult Csv(string text, bool bom = false) =>
        ResultsTable.Read([.. (bom ? Encoding.UTF8.GetPreamble() : []), .. Encoding.UTF8.GetBytes(text)], "results.csv");

    [Fact]
    public void Read_VietnameseHeadersAndCommaDecimals_C1AndC2()
    {
        var result = Csv("""
            đơn vị;khối;điểm thẩm định;điểm điều tra xã hội học;điểm tối đa
            Sở Lao động - Thương binh và Xã hội;Sở, ngành;62,25;27,14;97,5
            Quận Hoàn Kiếm;Quận, huyện;64,43;29,73;98
            """, bom: true);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var ranked = ResultsTable.Rank(result.Rows);
        Assert.Equal(["Sở, ngành", "Quận, huyện"], ranked.Select(r => r.Bloc));
        Assert.Equal("91,68", ScoreFormat.ToVietnamese(ranked[0].Ranking.Units[0].Result.Index));
        Assert.Equal("96,08", ScoreFormat.ToVietnamese(ranked[1].Ranking.Units[0].Result.Index));
    }

    [Fact]
    public void Read_EnglishHeadersInAnyCaseAndOrder_MaxDefaultsTo100()
    {
        var result = Csv("Survey,UNIT,Bloc,Appraisal,Notes\n27.5,\"Sở Tư pháp, Hà Nội\",Sở,60,x\n");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var row = Assert.Single(result.Rows);
        Assert.Equal(("Sở Tư pháp, Hà Nội", "Sở", 60m, 27.5m, 100m), (row.Unit, row.Bloc, row.Appraisal, row.Survey, row.Maximum));
        Assert.Equal(2, row.Line);
    }

    [Fact]
    public void Read_DecomposedUnicodeHeaders_AreMatched()
    {
        var header = "đơn vị,khối,điểm thẩm định,điểm điều tra xã hội học".Normalize(NormalizationForm.FormD);

        Assert.True(Csv(header + "\nA,B,1,2\n").IsValid);
    }

    [Fact]
    public void Read_Xlsx_NumbersAndTextCells()
    {
        var bytes = XlsxFile.Create(
            ["đơn vị", "khối", "điểm thẩm định", "điểm điều tra xã hội học", "điểm tối đa"],
            ["Sở Lao động - Thương binh và Xã hội", "Sở", 62.25m, 27.14m, 97.5m],
            ["Sở Nội vụ", "Sở", "61,8", "27,5", "97,5"]);

        var result = ResultsTable.Read(bytes, "results.xlsx");

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal([62.25m, 61.8m], result.Rows.Select(r => r.Appraisal));
        Assert.Equal([2, 3], result.Rows.Select(r => r.Line));
    }

    [Theory]
    [InlineData("", 1, null, "Tệp trống")]
    [InlineData("unit,bloc,appraisal,survey\n", 2, null, "không có dòng kết quả")]
    [InlineData("unit,bloc,appraisal\nA,B,1\n", 1, null, "thiếu cột bắt buộc 'survey', 'điểm điều tra xã hội học', 'điểm điều tra'")]
    [InlineData("unit,bloc,appraisal,survey\nA,B,6x,2\n", 2, "C 'appraisal'", "'6x' không phải là số")]
    [InlineData("unit,bloc,appraisal,survey\nA,B,1.234,5\n", 2, null, null)]
    [InlineData("unit,bloc,appraisal,survey\nA,B,-1,2\n", 2, "C 'appraisal'", "-1 là số âm")]
    [InlineData("unit,bloc,appraisal,survey,max\nA,B,60,39,97.5\n", 2, "D 'survey'", "= 99, lớn hơn điểm tối đa")]
    [InlineData("unit,bloc,appraisal,survey,max\nA,B,98,0,97.5\n", 2, "C 'appraisal'", "98 lớn hơn điểm tối đa")]
    [InlineData("unit,bloc,appraisal,survey,max\nA,B,60,30,975\n", 2, "E 'max'", "không quá 100")]
    [InlineData("unit,bloc,appraisal,survey\nA,B,1,2\nC,B,1,2\na ,B,3,4\n", 4, "A 'unit'", "có hai lần trong khối 'B' (cả ở dòng 2)")]
    [InlineData("unit,bloc,appraisal,survey\n,B,1,2\n", 2, "A 'unit'", "Ô trống.")]
    [InlineData("unit,bloc,appraisal,survey\nA,B,,2\n", 2, "C 'appraisal'", "cần một số")]
    [InlineData("unit,unit,bloc,appraisal,survey\n", 1, "B 'unit'", "có hai lần")]
    public void Read_BadInput_NamesLineAndColumn_AndReturnsNoRows(string text, int line, string? column, string? message)
    {
        var result = Csv(text);

        if (message is null)
        {
            Assert.True(result.IsValid); // 1.234 is a plain decimal, not a thousands separator
            return;
        }

        Assert.False(result.IsValid);
        Assert.Empty(result.Rows);
        var error = result.Errors.First(e => e.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(("results.csv", line, column), (error.File, error.Line, error.Column));
    }

    [Fact]
    public void Read_SeveralBadRows_ReportsEveryOne()
    {
        var result = Csv("unit,bloc,appraisal,survey\nA,B,x,1\nC,B,1,y\nD,B,1,1\n");

        Assert.Equal([2, 3], result.Errors.Select(e => e.Line));
        Assert.Empty(result.Rows);
    }

    [Fact]
    public void Read_NotUtf8OrOldExcel_SaysHowToSaveIt()
    {
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("unit,bloc,appraisal,survey\nS"), 0xE0, (byte)',', (byte)'B', (byte)',', (byte)'1', (byte)',', (byte)'1'];
        byte[] xls = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

        var notUtf8 = ResultsTable.Read(latin1, "old.csv");
        var oldExcel = ResultsTable.Read(xls, "old.xls");

        Assert.Equal(2, notUtf8.Errors.Single().Line);
        Assert.Contains("không phải văn bản UTF-8", notUtf8.Errors.Single().Message, StringComparison.Ordinal);
        Assert.Contains("tệp Excel cũ (.xls)", oldExcel.Errors.Single().Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportError_ToString_NamesFileLineAndColumn() =>
        Assert.Equal("r.csv: dòng 3, cột C 'appraisal': bad",
            new ImportError("r.csv", 3, "C 'appraisal'", "bad").ToString());
}
