using System.Diagnostics;

namespace ParIndex.Tests;

/// <summary>
/// A PostgreSQL server of a test's own (initdb in a temporary folder, a private unix socket, no TCP), for
/// fault tests that crash the server itself: <see cref="CrashAsync"/> is an immediate stop (as a kill -9
/// of the postmaster: no checkpoint, recovery from the WAL at the next start). As root, the server runs as
/// the postgres user, as ./run.sh does.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string _root;
    private readonly string _data;
    private readonly string _bin;

    private PrivatePostgres(string root, string bin)
    {
        _root = root;
        _data = Path.Combine(root, "data");
        Socket = Path.Combine(root, "socket");
        _bin = bin;
    }

    public string Socket { get; }

    /// <summary>The superuser's connection string to the server's postgres database.</summary>
    public string ConnectionString => $"Host={Socket};Username=postgres;Database=postgres;Pooling=false";

    public static async Task<PrivatePostgres> StartAsync()
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderBy(b => b.Length).ThenBy(b => b, StringComparer.Ordinal).Last();
        var root = Directory.CreateDirectory(Path.Combine("/var/tmp", "parindex-fault-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var server = new PrivatePostgres(root, bin);
        Directory.CreateDirectory(server.Socket);
        if (Environment.UserName == "root")
        {
            await RunAsync("chown", ["-R", "postgres:", root]);
        }

        await server.AsOwnerAsync("initdb", ["-D", server._data, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8"]);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again, after a crash: it recovers from its WAL first).</summary>
    public Task StartAgainAsync() => AsOwnerAsync("pg_ctl", ["-D", _data, "-w", "-t", "60", "-l", Path.Combine(_root, "server.log"),
        "-o", $"-c listen_addresses='' -c unix_socket_directories='{Socket}' -c max_connections=50", "start"]);

    /// <summary>Stops the server at once, as a crash would: every backend killed, nothing flushed.</summary>
    public Task CrashAsync() => AsOwnerAsync("pg_ctl", ["-D", _data, "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await AsOwnerAsync("pg_ctl", ["-D", _data, "-m", "fast", "-w", "stop"]);
        }
        catch (InvalidOperationException)
        {
            // already stopped
        }

        Directory.Delete(_root, recursive: true);
    }

    private Task AsOwnerAsync(string tool, string[] args) =>
        Environment.UserName == "root"
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string file, string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)}: exit {process.ExitCode}\n{await output}\n{await error}");
        }
    }
}
