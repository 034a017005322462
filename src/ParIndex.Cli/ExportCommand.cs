using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core.Accounts;
using ParIndex.Core.Publishing;
using ParIndex.Core.Reports;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure.Printing;

namespace ParIndex.Cli;

/// <summary>
/// <c>parindex export ranking|detail|scorecards --year Y --out PATH</c>: the ranking annex (.xlsx, or
/// .pdf printed like the decision's annex), the full detail (.xlsx), or every score card as PDFs in a
/// .zip (one bloc with <c>--bloc</c>). Published versions by default (the latest, or <c>--version</c>);
/// <c>--draft</c> reads the results before publication. PDFs need Debian's Chromium.
/// </summary>
public static class ExportCommand
{
    /// <summary>The command line reads as an administrator.</summary>
    private static readonly Actor Cli = new(0, "parindex-cli", Roles.Administrator, null);

    /// <summary>Exit code when the PDFs cannot be printed here (no Chromium).</summary>
    public const int Unavailable = 3;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var command = new Command("export", $"Write the results to files (database from {CliServices.ConnectionVariable}).");
        foreach (var (name, description) in new[]
                 {
                     ("ranking", "The ranking annex, one sheet per bloc (--out .xlsx) or printed as the decision's annex (--out .pdf)."),
                     ("detail", "Every unit × every leaf: self-score, appraisal rounds, final and survey points (--out .xlsx)."),
                     ("scorecards", "Every unit's score card as a PDF, in a zip (--out .zip); --bloc for one bloc."),
                 })
        {
            var year = new Option<int>("--year") { Description = "The assessment year.", Required = true };
            var outPath = new Option<FileInfo>("--out") { Description = "The file to write.", Required = true };
            var version = new Option<int?>("--version") { Description = "A published version other than the latest." };
            var draft = new Option<bool>("--draft") { Description = "The live results, before (or instead of) the published version." };
            var bloc = new Option<string?>("--bloc") { Description = "Only this bloc's score cards (its code)." };
            var sub = new Command(name, description) { year, outPath, version, draft };
            if (name == "scorecards")
            {
                sub.Add(bloc);
            }

            sub.SetAction((parse, cancellationToken) => RunAsync(name, parse.GetValue(year), parse.GetValue(outPath)!, parse.GetValue(version),
                parse.GetValue(draft), parse.GetValue(bloc), output, error, cancellationToken));
            command.Add(sub);
        }

        return command;
    }

    private static async Task<int> RunAsync(string what, int year, FileInfo target, int? version, bool draft, string? bloc,
        TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var extension = target.Extension.ToLowerInvariant();
        var allowed = what switch { "ranking" => new[] { ".xlsx", ".pdf" }, "detail" => [".xlsx"], _ => [".zip"] };
        if (!allowed.Contains(extension))
        {
            await error.WriteLineAsync($"--out {target.FullName}: export {what} writes {string.Join(" or ", allowed)}, not '{target.Extension}'.");
            return ExitCodes.BadInput;
        }

        if (target.Directory is { Exists: false } folder)
        {
            await error.WriteLineAsync($"--out {target.FullName}: the folder {folder.FullName} does not exist.");
            return ExitCodes.BadInput;
        }

        await using var provider = await CliServices.CreateAsync(error, cancellationToken);
        if (provider is null)
        {
            return ExitCodes.BadInput;
        }

        await using var scope = provider.CreateAsyncScope();
        var services = scope.ServiceProvider;
        if (what == "detail")
        {
            await using var file = File.Create(target.FullName);
            var rows = await services.GetRequiredService<ExcelExports>().WriteDetailAsync(year, file, cancellationToken);
            if (rows < 0)
            {
                file.Close();
                File.Delete(target.FullName);
                await error.WriteLineAsync($"--year {year}: there is no assessment year {year}.");
                return ExitCodes.BadInput;
            }

            await output.WriteLineAsync($"Wrote {rows} leaf rows of {year} to {target.FullName}.");
            return ExitCodes.Success;
        }

        var ranking = await services.GetRequiredService<ResultsReader>().RankingAsync(Cli, year, draft, version, cancellationToken);
        if (ranking is null)
        {
            await error.WriteLineAsync(version is { } v
                ? $"--version {v}: {year} has no published version {v}."
                : $"--year {year}: there are no results for {year}.");
            return ExitCodes.BadInput;
        }

        var source = ranking.Publication is { } p ? $"version={p.Version}" : "draft=true";
        var label = ranking.Publication is { } published ? $"version {published.Version}" : ranking.FromPublishedTable ? "published table" : "draft";
        if (what == "ranking" && extension == ".xlsx")
        {
            await using var file = File.Create(target.FullName);
            ExcelExports.WriteRankingAnnex(ranking, file);
            await output.WriteLineAsync($"Wrote the {year} ranking annex ({label}) to {target.FullName}.");
            return ExitCodes.Success;
        }

        var blocs = ranking.Blocs.Where(b => bloc is null || string.Equals(b.Code, bloc, StringComparison.OrdinalIgnoreCase)).ToList();
        if (blocs.Count == 0)
        {
            await error.WriteLineAsync($"--bloc {bloc}: {year} has no bloc '{bloc}' (blocs: {string.Join(", ", ranking.Blocs.Select(b => b.Code))}).");
            return ExitCodes.BadInput;
        }

        try
        {
            await using var host = await PrintHost.StartAsync(CliServices.ConnectionString!, cancellationToken);
            var decision = ranking.Publication is { DecisionNumber: { } number, DecisionDate: { } date } ? PublicationService.Decision(number, date) : null;
            if (what == "ranking")
            {
                var pdf = await host.PrintAsync($"/print/{year}/ranking?{source}", new PrintLayout(decision, Landscape: true), cancellationToken);
                await File.WriteAllBytesAsync(target.FullName, pdf, cancellationToken);
                await output.WriteLineAsync($"Wrote the {year} ranking annex ({label}) to {target.FullName}.");
                return ExitCodes.Success;
            }

            var cards = ScoreCardBook.Cards(ranking, blocs);
            var step = Math.Max(1, cards.Count / 20);
            await using (var file = File.Create(target.FullName))
            {
                await ScoreCardBook.WriteZipAsync(cards, file, host.PrintManyAsync, printed =>
                {
                    if (printed % step == 0 && printed < cards.Count)
                    {
                        error.WriteLine($"{printed}/{cards.Count} score cards printed");
                    }
                }, cancellationToken);
            }

            var count = cards.Count;
            await output.WriteLineAsync($"Wrote {count} score cards of {year} ({label}) to {target.FullName}.");
            return ExitCodes.Success;
        }
        catch (PrintUnavailableException e)
        {
            File.Delete(target.FullName);
            await error.WriteLineAsync(e.Message);
            return Unavailable;
        }
    }
}
