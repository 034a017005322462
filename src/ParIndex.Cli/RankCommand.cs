using System.CommandLine;
using System.Globalization;
using CsvHelper;
using ParIndex.Core.Results;
using ParIndex.Scoring;

namespace ParIndex.Cli;

/// <summary>
/// <c>parindex rank FILE</c>: ranks a results table (CSV or XLSX) bloc by bloc and prints CSV. The
/// table is read by the same Core import that brings published results into ParIndex.
/// </summary>
public static class RankCommand
{
    public static readonly string[] Header = ["bloc", "rank", "unit", "appraisal", "survey", "total", "max", "index"];

    public static Command Create(TextWriter output, TextWriter error)
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "Results table, .csv (UTF-8) or .xlsx, with a header row: unit, bloc, appraisal, survey[, max] " +
                "(or đơn vị, khối, điểm thẩm định, điểm điều tra xã hội học[, điểm tối đa]).",
        };
        var command = new Command("rank", "Rank units inside their blocs by index (total ÷ max × 100) and print CSV.") { file };
        command.SetAction((parse, cancellationToken) => RunAsync(parse.GetValue(file)!, output, error, cancellationToken));
        return command;
    }

    /// <summary>Reads and checks a results table, printing every problem; null when it cannot be used.</summary>
    internal static async Task<ResultsTableReadResult?> ReadAsync(FileInfo file, TextWriter error, CancellationToken cancellationToken)
    {
        if (!file.Exists)
        {
            await error.WriteLineAsync($"{file.FullName}: line 0: the file does not exist");
            return null;
        }

        var table = await ResultsTable.ReadFileAsync(file.FullName, cancellationToken);
        if (table.IsValid)
        {
            return table;
        }

        foreach (var problem in table.Errors)
        {
            await error.WriteLineAsync((problem with { File = file.FullName }).ToString());
        }

        await error.WriteLineAsync($"{table.Errors.Count} problem(s) found; nothing was done.");
        return null;
    }

    private static async Task<int> RunAsync(FileInfo file, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var table = await ReadAsync(file, error, cancellationToken);
        if (table is null)
        {
            return ExitCodes.BadInput;
        }

        // Everything is formatted first and written at once, so stdout gets all or nothing.
        using var buffer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvWriter.Create(buffer, new CsvWriterOptions { NewLine = "\n" }, leaveOpen: true))
        {
            csv.WriteRecord(Header);
            foreach (var (bloc, ranking) in ResultsTable.Rank(table.Rows))
            {
                foreach (var unit in ranking.Units)
                {
                    var r = unit.Result;
                    csv.WriteRecord([
                        bloc,
                        unit.Rank.ToString(CultureInfo.InvariantCulture),
                        unit.Unit,
                        ScoreFormat.ToInvariant(r.Appraisal),
                        ScoreFormat.ToInvariant(r.Survey),
                        ScoreFormat.ToInvariant(r.Total),
                        ScoreFormat.ToInvariant(r.ApplicableMaximum),
                        ScoreFormat.ToInvariant(r.Index),
                    ]);
                }
            }
        }

        await output.WriteAsync(buffer.ToString());
        await output.FlushAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
