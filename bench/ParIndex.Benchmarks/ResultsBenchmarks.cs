using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Publishing;
using ParIndex.Core.Reports;

namespace ParIndex.Benchmarks;

/// <summary>
/// Server time of the results pages at national scale (4,000 units, published): the whole request on
/// the real app over loopback, HTML included. Targets (issue 5): ranking page and score card under 100 ms.
/// </summary>
[Config(typeof(PagesConfig))]
[MemoryDiagnoser]
public class ResultsPageBenchmarks
{
    private sealed class PagesConfig : ManualConfig
    {
        public PagesConfig() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithWarmupCount(3).WithIterationCount(15));
    }

    private ResultsBenchData _data = null!;

    [GlobalSetup]
    public void Setup() => _data = ResultsBenchData.Get();

    [Benchmark(Description = "Ranking page, 4,000 units in 69 blocs (/ket-qua/2025)")]
    public async Task<int> RankingPage() => await GetAsync($"/ket-qua/{ResultsBenchData.Year}");

    [Benchmark(Description = "Score card page of a commune in a bloc of ~98 (/ket-qua/2025/U1234)")]
    public async Task<int> ScoreCardPage() => await GetAsync($"/ket-qua/{ResultsBenchData.Year}/U1234");

    [Benchmark(Description = "Rankings API, 4,000 units (JSON)")]
    public async Task<int> RankingsApi() => await GetAsync($"/api/years/{ResultsBenchData.Year}/rankings");

    [Benchmark(Description = "Live (draft) ranking of 4,000 units, service only")]
    public async Task<int> LiveRanking()
    {
        using var scope = _data.Services.CreateScope();
        var ranking = await scope.ServiceProvider.GetRequiredService<ParIndex.Core.Results.RankingService>().GetAsync(ResultsBenchData.Year);
        return ranking!.Blocs.Count;
    }

    private async Task<int> GetAsync(string path)
    {
        using var response = await _data.Client.GetAsync(path);
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? body.Length : throw new InvalidOperationException($"{path}: {(int)response.StatusCode}");
    }
}

/// <summary>
/// The files at national scale. Targets (issue 5): full-detail Excel for 4,000 × 100 under 10 s; PDF
/// of one score card under 2 s (Chromium already running, as on a server that has printed before).
/// </summary>
[Config(typeof(FilesConfig))]
[MemoryDiagnoser]
public class ExportBenchmarks
{
    private sealed class FilesConfig : ManualConfig
    {
        public FilesConfig() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(30), logOutput: true))
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(7));
    }

    private ResultsBenchData _data = null!;

    [GlobalSetup]
    public void Setup() => _data = ResultsBenchData.Get();

    [Benchmark(Description = "Full detail .xlsx, 4,000 units × 100 leaves (streamed to a file)")]
    public async Task<long> DetailXlsx()
    {
        var path = Path.GetTempFileName();
        try
        {
            await using (var file = File.Create(path))
            {
                using var scope = _data.Services.CreateScope();
                var rows = await scope.ServiceProvider.GetRequiredService<ExcelExports>().WriteDetailAsync(ResultsBenchData.Year, file);
                if (rows != 400_000)
                {
                    throw new InvalidOperationException($"{rows} rows");
                }
            }

            return new FileInfo(path).Length;
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Benchmark(Description = "Ranking annex .xlsx, 4,000 units in 69 sheets")]
    public async Task<long> RankingXlsx()
    {
        using var scope = _data.Services.CreateScope();
        var ranking = await scope.ServiceProvider.GetRequiredService<ResultsReader>().RankingAsync(null, ResultsBenchData.Year);
        using var buffer = new MemoryStream();
        ExcelExports.WriteRankingAnnex(ranking!, buffer);
        return buffer.Length;
    }

    [Benchmark(Description = "Score card PDF of one unit (GET /exports/2025/units/U1234.pdf)")]
    public async Task<int> ScoreCardPdf()
    {
        using var response = await _data.Client.GetAsync($"/exports/{ResultsBenchData.Year}/units/U1234.pdf");
        var body = await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode ? body.Length : throw new InvalidOperationException($"{(int)response.StatusCode}");
    }
}
