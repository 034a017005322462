using BenchmarkDotNet.Running;

namespace ParIndex.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line (e.g. --filter '*Results*').</summary>
internal static class Program
{
    private static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
