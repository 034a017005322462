using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace ParIndex.Benchmarks;

/// <summary>
/// Runs the benchmarks chosen on the command line (e.g. --filter '*Results*'); or, with <c>serve</c>,
/// builds the national store of <see cref="ResultsBenchData"/>, serves the real web application over
/// it on loopback and prints its address, until its standard input closes (bench/load.sh runs wrk on it).
/// </summary>
internal static class Program
{
    private static void Main(string[] args)
    {
        if (args is ["serve"])
        {
            var data = ResultsBenchData.Get();
            Console.WriteLine($"SERVING {data.Host.Address}");
            while (Console.In.Read() >= 0)
            {
            }

            return;
        }

        // A generous build timeout: on a busy machine the generated projects of the out-of-process
        // benchmarks take longer than BenchmarkDotNet's default 120 s to build.
        var config = ManualConfig.Create(DefaultConfig.Instance);
        config.BuildTimeout = TimeSpan.FromMinutes(15);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
    }
}
