using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Surveys;

namespace ParIndex.Cli;

/// <summary>
/// <c>parindex survey import FILE --year Y</c>: imports survey responses (CSV or XLSX), all or nothing,
/// then rescores the year's survey leaves, results and rank intervals. Every bad row and cell is named
/// with its line and column on stderr (exit 2). The same file imported again adds nothing.
/// </summary>
public static class SurveyCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "Responses, .csv (UTF-8) or .xlsx: unit code, group, respondent id (optional), then one column per question code." };
        var year = new Option<int>("--year") { Description = "The assessment year.", Required = true };
        var noScore = new Option<bool>("--no-score") { Description = "Store the responses without rescoring (rescore later from the survey page)." };
        var import = new Command("import", $"Import survey responses into a year (database from {CliServices.ConnectionVariable}).") { file, year, noScore };
        import.SetAction((parse, cancellationToken) => ImportAsync(parse.GetValue(file)!, parse.GetValue(year), !parse.GetValue(noScore), output, error, cancellationToken));
        return new Command("survey", "Sociological survey: import responses.") { import };
    }

    private static async Task<int> ImportAsync(FileInfo file, int year, bool score, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        FileStream content;
        try
        {
            content = new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await error.WriteLineAsync($"{file.FullName}: {ParIndex.Core.Messages.Get("FileCannotRead", e.Message)}");
            return ExitCodes.BadInput;
        }

        await using var _ = content;
        await using var provider = await CliServices.CreateAsync(error, cancellationToken);
        if (provider is null)
        {
            return ExitCodes.BadInput;
        }

        await using var scope = provider.CreateAsyncScope();
        var outcome = await scope.ServiceProvider.GetRequiredService<SurveyImportService>().ImportAsync(null, year, file.Name, content, score, cancellationToken);
        if (!outcome.Succeeded)
        {
            foreach (var problem in outcome.Errors)
            {
                await error.WriteLineAsync(problem.ToString());
            }

            if (outcome.TotalErrors > outcome.Errors.Count)
            {
                await error.WriteLineAsync($"… and {outcome.TotalErrors - outcome.Errors.Count} more problems.");
            }

            await error.WriteLineAsync("Nothing was imported.");
            return ExitCodes.BadInput;
        }

        if (outcome.PreviousImport is { } previous)
        {
            await output.WriteLineAsync($"{file.Name} was already imported on {Core.VietnamTime.Format(previous.ImportedAt)} ({previous.Respondents} responses): nothing added.");
            return ExitCodes.Success;
        }

        await output.WriteLineAsync($"Imported {outcome.Added} responses into {year} ({outcome.AlreadyPresent} already present, skipped).");
        if (outcome.Scoring is { } report)
        {
            await output.WriteLineAsync($"Survey points recomputed for {report.Units} units from {report.Respondents} responses.");
            foreach (var problem in report.Problems)
            {
                await error.WriteLineAsync(problem);
            }
        }

        return ExitCodes.Success;
    }
}
