using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Results;

namespace ParIndex.Cli;

/// <summary>
/// <c>parindex import-results FILE --year N</c>: stores a published results table as year N's results,
/// all or nothing, in the database named by <c>ConnectionStrings__ParIndex</c>.
/// </summary>
public static class ImportResultsCommand
{
    public const string ConnectionVariable = CliServices.ConnectionVariable;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Results table, .csv (UTF-8) or .xlsx (see 'rank'); an optional code column (code, mã đơn vị) identifies units." };
        var year = new Option<int>("--year") { Description = "The assessment year the results are for.", Required = true };
        var title = new Option<string?>("--title") { Description = "The year's title, e.g. the decision that published it." };
        var replace = new Option<bool>("--replace") { Description = "Replace the year's earlier imported results." };
        var command = new Command("import-results", $"Store a published results table as a year's results (database from {ConnectionVariable}).")
        {
            file, year, title, replace,
        };
        command.SetAction((parse, cancellationToken) => RunAsync(
            parse.GetValue(file)!, new ResultsImportRequest(parse.GetValue(year), parse.GetValue(title), parse.GetValue(replace)),
            output, error, cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(FileInfo file, ResultsImportRequest request, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var table = await RankCommand.ReadAsync(file, error, cancellationToken);
        if (table is null)
        {
            return ExitCodes.BadInput;
        }

        await using var provider = await CliServices.CreateAsync(error, cancellationToken);
        if (provider is null)
        {
            return ExitCodes.BadInput;
        }

        await using var scope = provider.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<ResultsImportService>().ImportAsync(request, table.Rows, cancellationToken);
        if (!outcome.Succeeded)
        {
            foreach (var problem in outcome.Errors)
            {
                await error.WriteLineAsync($"{file.FullName}: {problem}");
            }

            await error.WriteLineAsync("Nothing was imported.");
            return ExitCodes.BadInput;
        }

        await output.WriteLineAsync(
            $"Imported {outcome.Results} results for {request.Year} ({outcome.BlocsCreated} new blocs, {outcome.UnitsCreated} new units).");
        return ExitCodes.Success;
    }
}
