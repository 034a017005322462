using System.IO.Compression;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Infrastructure.Printing;

/// <summary>
/// A zip of score cards, one PDF per unit, as the server's background job and the command line both
/// write it: the cards in ranking order, named "{rank}-{code}.pdf" (under a folder per bloc when there
/// are several blocs), each written into the zip as soon as Chromium has made it.
/// </summary>
public static class ScoreCardBook
{
    /// <summary>One card of the book: where it goes in the zip and what prints it.</summary>
    public sealed record Card(string EntryName, PrintItem Item);

    /// <summary>The cards of <paramref name="blocs"/> of <paramref name="ranking"/>, read from the same version (or the draft).</summary>
    public static IReadOnlyList<Card> Cards(YearRanking ranking, IReadOnlyList<BlocRankingView> blocs)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(blocs);
        var source = ranking.Publication is { } p ? $"version={p.Version}" : "draft=true";
        var decision = Display.Decision(ranking.Publication);
        return blocs.SelectMany(view => view.Units.Select(line => new Card(
                (blocs.Count > 1 ? $"{view.Code}/" : "") + $"{line.Rank:000}-{line.UnitCode}.pdf",
                new PrintItem($"/units/{Uri.EscapeDataString(line.UnitCode)}?year={ranking.Year}&print=true&{source}",
                    new PrintLayout($"{line.UnitName} — {ranking.Year}" + (decision is null ? "" : $" — {decision}"), Landscape: false)))))
            .ToList();
    }

    /// <summary>
    /// Prints <paramref name="cards"/> with <paramref name="printMany"/> (the server's printer or the
    /// command line's host) into a zip written to <paramref name="target"/>; <paramref name="printed"/>
    /// is told the count after each card. The zip is complete only when this returns.
    /// </summary>
    public static async Task WriteZipAsync(IReadOnlyList<Card> cards, Stream target,
        Func<IReadOnlyList<PrintItem>, Func<int, byte[], CancellationToken, Task>, CancellationToken, Task> printMany,
        Action<int>? printed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(printMany);
        using var zip = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        using var writing = new SemaphoreSlim(1, 1); // a zip is written by one hand at a time
        var count = 0;
        await printMany(cards.Select(c => c.Item).ToList(), async (index, pdf, ct) =>
        {
            await writing.WaitAsync(ct);
            try
            {
                var entry = zip.CreateEntry(cards[index].EntryName, CompressionLevel.Fastest);
                await using var stream = await entry.OpenAsync(ct);
                await stream.WriteAsync(pdf, ct);
                printed?.Invoke(++count);
            }
            finally
            {
                writing.Release();
            }
        }, cancellationToken);
    }
}
