using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace ParIndex.EndToEndTests;

/// <summary>
/// <c>./run.sh</c> started in the background by another script stops on SIGINT as it does on Ctrl+C:
/// ParIndex and its private PostgreSQL both end (issue 12, defect 9: bash is handed SIGINT ignored there,
/// and the script's trap did nothing).
/// </summary>
public sealed class RunScriptTests
{
    [Fact]
    public async Task RunScript_InTheBackground_StopsOnSigint_WithItsPostgres()
    {
        var root = RepositoryRoot();
        var data = Directory.CreateDirectory(Path.Combine("/var/tmp", "parindex-runsh-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var port = FreePort();
        var log = Path.Combine(data, "run.log");
        var pid = 0;
        try
        {
            pid = int.Parse((await Shell(root, $"env -u ConnectionStrings__ParIndex PARINDEX_PORT={port} PARINDEX_DATA_DIR={data}/pg " +
                $"ParIndex__Evidence__Directory={data}/evidence ./run.sh > {log} 2>&1 & echo $!")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var up = false;
            for (var waited = Stopwatch.StartNew(); !up && waited.Elapsed < TimeSpan.FromMinutes(4); await Task.Delay(1000))
            {
                try
                {
                    up = (await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"))).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                }
                catch (TaskCanceledException)
                {
                }
            }

            Assert.True(up, await File.ReadAllTextAsync(log));
            Assert.True(File.Exists(Path.Combine(data, "pg", "postmaster.pid")));

            await Shell(root, $"kill -INT {pid}");

            var stopped = false;
            for (var waited = Stopwatch.StartNew(); !stopped && waited.Elapsed < TimeSpan.FromSeconds(60); await Task.Delay(500))
            {
                stopped = !Directory.Exists($"/proc/{pid}") && !File.Exists(Path.Combine(data, "pg", "postmaster.pid"));
            }

            Assert.True(stopped, await File.ReadAllTextAsync(log));
            Assert.Contains("PostgreSQL stopped", await File.ReadAllTextAsync(log), StringComparison.Ordinal);
        }
        finally
        {
            if (pid > 0 && Directory.Exists($"/proc/{pid}"))
            {
                await Shell(root, $"kill -TERM {pid}; for i in $(seq 60); do kill -0 {pid} 2>/dev/null || break; sleep 0.5; done");
            }

            Directory.Delete(data, recursive: true);
        }
    }

    private static async Task<string> Shell(string directory, string command)
    {
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, UseShellExecute = false,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "run.sh")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run.sh not found above " + AppContext.BaseDirectory);
    }
}
