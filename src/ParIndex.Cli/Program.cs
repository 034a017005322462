namespace ParIndex.Cli;

/// <summary>The <c>parindex</c> executable.</summary>
internal static class Program
{
    private static Task<int> Main(string[] args) => CliApp.RunAsync(args, Console.Out, Console.Error);
}
