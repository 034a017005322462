using System.Diagnostics;
using System.Globalization;
using System.Text;
using ParIndex.Tests;

namespace ParIndex.Cli.Tests;

public sealed class RankCommandTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("parindex-cli-");

    public void Dispose() => _folder.Delete(recursive: true);

    [Fact]
    public async Task Rank_C1C2TableWithVietnameseHeaders_PrintsRankedCsv()
    {
        var file = Write("hanoi-2022.csv", """
            đơn vị;khối;điểm thẩm định;điểm điều tra xã hội học;điểm tối đa
            Sở Lao động - Thương binh và Xã hội;Khối sở, ngành;62,25;27,14;97,5
            Quận Hoàn Kiếm;Khối quận, huyện;64,43;29,73;98
            Sở Tài chính;Khối sở, ngành;60,5;27,8;97,5
            """);

        var (exit, output, error) = await RunAsync("rank", file);

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        Assert.Equal("""
            bloc,rank,unit,appraisal,survey,total,max,index
            "Khối sở, ngành",1,Sở Lao động - Thương binh và Xã hội,62.25,27.14,89.39,97.50,91.68
            "Khối sở, ngành",2,Sở Tài chính,60.50,27.80,88.30,97.50,90.56
            "Khối quận, huyện",1,Quận Hoàn Kiếm,64.43,29.73,94.16,98.00,96.08

            """.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public async Task Rank_XlsxWithEnglishHeaders_SameAsCsv_AndTiesShareRank()
    {
        // C4: two units published at 95,70 share rank 2; the next is 4th.
        var file = WriteBytes("hanoi-2023.xlsx", XlsxFile.Create(
            ["unit", "bloc", "appraisal", "survey", "max"],
            ["Đống Đa", "Quận", 67m, 29.3m, 100m],
            ["Hoàn Kiếm", "Quận", 66m, 27.787176m, 98m],
            ["Nam Từ Liêm", "Quận", 65m, 28.70581696m, 97.92m],
            ["Cầu Giấy", "Quận", 70m, 23.239424m, 97.92m]));

        var (exit, output, _) = await RunAsync("rank", file);

        Assert.Equal(0, exit);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(["1,Đống Đa,96.30", "2,Hoàn Kiếm,95.70", "2,Nam Từ Liêm,95.70", "4,Cầu Giấy,95.22"],
            lines.Skip(1).Select(l => l.Split(',')).Select(c => $"{c[1]},{c[2]},{c[7]}"));
    }

    [Theory]
    [InlineData("", "dòng 1", "Tệp trống")]
    [InlineData("unit,bloc,appraisal\nA,B,1\n", "dòng 1", "thiếu cột bắt buộc 'survey', 'điểm điều tra xã hội học', 'điểm điều tra'")]
    [InlineData("unit,bloc,appraisal,survey\nA,B,abc,1\n", "dòng 2, cột C 'appraisal'", "'abc' không phải là số")]
    [InlineData("unit,bloc,appraisal,survey\nA,B,1,-3\n", "dòng 2, cột D 'survey'", "-3 là số âm")]
    [InlineData("unit,bloc,appraisal,survey,max\nA,B,70,30,97.5\n", "dòng 2, cột D 'survey'", "lớn hơn điểm tối đa")]
    [InlineData("unit,bloc,appraisal,survey\nA,B,1,1\nA,B,2,2\n", "dòng 3, cột A 'unit'", "có hai lần trong khối 'B'")]
    public async Task Rank_BadInput_ExitsWith2_NamesFileLineAndColumn_PrintsNothing(string content, string where, string what)
    {
        var file = Write("bad.csv", content);

        var (exit, output, error) = await RunAsync("rank", file);

        Assert.Equal(2, exit);
        Assert.Equal("", output);
        Assert.Contains($"{file}: {where}: ", error, StringComparison.Ordinal);
        Assert.Contains(what, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rank_MissingFileOrArgument_ExitsWith2()
    {
        var missing = await RunAsync("rank", Path.Combine(_folder.FullName, "nope.csv"));
        var noArgument = await RunAsync("rank");

        Assert.Equal((2, ""), (missing.Exit, missing.Output));
        Assert.Contains("nope.csv: line 0: the file does not exist", missing.Error, StringComparison.Ordinal);
        Assert.Equal((2, ""), (noArgument.Exit, noArgument.Output));
    }

    [Fact]
    public async Task Executable_BadFile_ExitCode2AndEmptyStdout()
    {
        var file = Write("bad.csv", "unit,bloc,appraisal,survey\nA,B,x,1\n");
        var cli = Path.Combine(AppContext.BaseDirectory, "parindex.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8 };
        foreach (var arg in new[] { cli, "rank", file })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Equal("", await stdout);
        Assert.Contains("dòng 2, cột C 'appraisal': 'x' không phải là số", await stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string content) =>
        WriteBytes(name, Encoding.UTF8.GetBytes(content.ReplaceLineEndings("\n")));

    private string WriteBytes(string name, byte[] content)
    {
        var path = Path.Combine(_folder.FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static async Task<(int Exit, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await CliApp.RunAsync(args, output, error);
        return (exit, output.ToString(), error.ToString());
    }
}
