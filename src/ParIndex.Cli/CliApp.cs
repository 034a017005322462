using System.CommandLine;

namespace ParIndex.Cli;

/// <summary>The <c>parindex</c> command line.</summary>
public static class CliApp
{
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default) =>
        RunAsync(args, Console.In, output, error, cancellationToken);

    public static async Task<int> RunAsync(string[] args, TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("ParIndex: the administrative-reform index (Chỉ số CCHC) of a province's agencies.")
        {
            RankCommand.Create(output, error),
            ImportResultsCommand.Create(output, error),
            UsersCommand.Create(input, output, error),
            SurveyCommand.Create(output, error),
            ExportCommand.Create(output, error),
            AuditCommand.Create(output, error),
        };

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync(problem.Message);
            }

            await error.WriteLineAsync("Run 'parindex --help' for usage.");
            return ExitCodes.BadInput;
        }

        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, cancellationToken);
    }
}
