using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace ParIndex.Benchmarks;

/// <summary>
/// A national bloc's score cards as a person waits for them (issue 11): 3,321 communes in one bloc,
/// published; the secretary asks for the zip over HTTP, the job prints every card in Chromium, the
/// progress is polled each second, and the finished zip is downloaded. Target: under 10 minutes on
/// this machine, memory bounded (the app's and Chromium's peak resident memory are printed).
/// </summary>
[Config(typeof(JobConfig))]
public class ScoreCardJobBenchmarks
{
    private sealed class JobConfig : ManualConfig
    {
        public JobConfig() => AddJob(Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true))
            .WithStrategy(RunStrategy.Monitoring).WithLaunchCount(1).WithWarmupCount(0).WithIterationCount(2));
    }

    private ResultsBenchData _data = null!;
    private HttpClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        _data = ResultsBenchData.Get();
        _data.CommuneBlocAsync().GetAwaiter().GetResult();
        _client = new HttpClient { BaseAddress = _data.Host.Address, Timeout = TimeSpan.FromMinutes(5) };
        using var token = _client.PostAsJsonAsync("/api/auth/token", new { userName = "thuky", password = "ParIndex2026" }).GetAwaiter().GetResult();
        var access = JsonDocument.Parse(token.Content.ReadAsStringAsync().GetAwaiter().GetResult()).RootElement.GetProperty("accessToken").GetString();
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        // Chromium started and the first pages served, as on a server that has printed before.
        using var card = _client.GetAsync($"/exports/{ResultsBenchData.CommuneYear}/units/U0001.pdf").GetAwaiter().GetResult();
        card.EnsureSuccessStatusCode();
    }

    [Benchmark(Description = "Score cards of a national bloc, 3,321 communes: ask, print in the background, poll, download the zip")]
    public async Task<long> NationalBlocZip()
    {
        using var sampling = new CancellationTokenSource();
        var peak = Task.Run(() => PeakMemoryAsync(sampling.Token));
        var clock = Stopwatch.StartNew();
        using var started = await _client.PostAsync($"/api/years/{ResultsBenchData.CommuneYear}/blocs/{ResultsBenchData.CommuneBloc}/scorecards?again=true", null);
        if ((int)started.StatusCode != 202)
        {
            throw new InvalidOperationException($"start: {(int)started.StatusCode} {await started.Content.ReadAsStringAsync()}");
        }

        var status = started.Headers.Location!.ToString();
        string? file = null;
        while (file is null)
        {
            await Task.Delay(1000);
            var job = JsonDocument.Parse(await _client.GetStringAsync(status)).RootElement;
            switch (job.GetProperty("state").GetString())
            {
                case "done":
                    file = job.GetProperty("fileUrl").GetString();
                    break;
                case "failed" or "cancelled":
                    throw new InvalidOperationException(job.GetProperty("status").GetString());
            }
        }

        var zipPath = Path.GetTempFileName();
        try
        {
            await using (var target = File.Create(zipPath))
            {
                await using var body = await _client.GetStreamAsync(file);
                await body.CopyToAsync(target);
            }

            var elapsed = clock.Elapsed;
            await sampling.CancelAsync();
            var (app, chromium) = await peak;
            using var zip = ZipFile.OpenRead(zipPath);
            if (zip.Entries.Count != NationalData.Communes)
            {
                throw new InvalidOperationException($"{zip.Entries.Count} cards in the zip");
            }

            var size = new FileInfo(zipPath).Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"// cards: {zip.Entries.Count}, zip {size / 1048576.0:0.0} MB, {elapsed.TotalSeconds:0.0} s, peak RSS app {app / 1048576.0:0} MB, Chromium (all processes) {chromium / 1048576.0:0} MB"));
            return size;
        }
        finally
        {
            File.Delete(zipPath);
        }
    }

    /// <summary>The highest resident memory seen of this process and of Chromium's processes together, sampled twice a second.</summary>
    private static async Task<(long App, long Chromium)> PeakMemoryAsync(CancellationToken stop)
    {
        long app = 0, chromium = 0;
        while (!stop.IsCancellationRequested)
        {
            using var self = Process.GetCurrentProcess();
            app = Math.Max(app, self.WorkingSet64);
            long browser = 0;
            foreach (var process in Process.GetProcesses())
            {
                using (process)
                {
                    try
                    {
                        if (process.ProcessName.StartsWith("chrom", StringComparison.Ordinal))
                        {
                            browser += process.WorkingSet64;
                        }
                    }
                    catch (InvalidOperationException)
                    {
                        // ended meanwhile
                    }
                }
            }

            chromium = Math.Max(chromium, browser);
            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return (app, chromium);
    }
}
