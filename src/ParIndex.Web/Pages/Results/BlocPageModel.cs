using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Results;

/// <summary>
/// What the pages about one bloc of a year share: the bloc, year and source (a published version or
/// the draft) from the address, read under the ranking's reading rule; a bad year is a 400, a bloc
/// that is not in the year a 404. One loader for the bloc overview and the bloc's score cards.
/// </summary>
public abstract class BlocPageModel(ResultsReader reader) : ResultsPageModel(reader)
{
    public YearRanking? Ranking { get; private set; }

    public BlocRankingView? Bloc { get; private set; }

    /// <summary>The query that keeps the same source (version or draft) on links.</summary>
    public string SourceQuery => SourceOf(Ranking?.Publication);

    /// <summary>Reads the year's ranking and the bloc (the latest readable year when none is asked); false with the status set when there is none.</summary>
    protected async Task<bool> LoadBlocAsync(CancellationToken ct)
    {
        if (await YearAsync(ct) is not { } year)
        {
            return false;
        }

        Ranking = await Reader.RankingAsync(User.ToActorOrNull(), year, Draft, Version, ct);
        Bloc = Ranking?.Blocs.FirstOrDefault(b => string.Equals(b.Code, Code, StringComparison.OrdinalIgnoreCase));
        if (Bloc is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return false;
        }

        return true;
    }
}
