using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using Microsoft.Extensions.Caching.Memory;
using ParIndex.Core.Results;

namespace ParIndex.Core.Publishing;

/// <summary>
/// What a reader is shown of a year's results. Everyone reads published versions (the latest unless
/// one is asked for) and years imported from tables published before ParIndex was used. The live
/// results before publication (a draft) are shown only to those who oversee the assessment:
/// administrators, the council (secretary and appraisers) and leaders who view everything.
/// </summary>
public sealed class ResultsReader(ParIndexDbContext db, RankingService rankings, UnitScoreCardService cards, PublicationService publications,
    IMemoryCache cache, PublishedGeneration generation)
{
    private (long Generation, List<int> Years)? _imported;

    /// <summary>Whether <paramref name="actor"/> may read results before they are published.</summary>
    public static bool MayReadDraft(Actor? actor) =>
        actor is not null && (actor.Is(Roles.Administrator) || actor.Is(Roles.Secretary) || actor.Is(Roles.Viewer) || actor.Is(Roles.Appraiser));

    /// <summary>The years the reader may open, latest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(Actor? actor, CancellationToken cancellationToken = default)
    {
        if (MayReadDraft(actor))
        {
            return await rankings.YearsWithResultsAsync(cancellationToken);
        }

        var published = await publications.PublishedYearsAsync(cancellationToken);
        var imported = await ImportedYearsAsync(cancellationToken);
        return [.. published.Union(imported).OrderDescending()];
    }

    /// <summary>
    /// The ranking the reader sees: a given published version; else the draft when asked for (or when
    /// nothing is published) and the reader may see it; else the latest published version; else an
    /// imported year. Null when there is nothing the reader may see.
    /// </summary>
    public async Task<YearRanking?> RankingAsync(Actor? actor, int year, bool draft = false, int? version = null,
        CancellationToken cancellationToken = default)
    {
        if (version is not null)
        {
            return await publications.GetRankingAsync(year, version, cancellationToken);
        }

        var published = draft && MayReadDraft(actor) ? null : await publications.GetRankingAsync(year, null, cancellationToken);
        if (published is not null)
        {
            return published;
        }

        return await LiveAsync(actor, year, cancellationToken);
    }

    /// <summary>A unit's card under the same rule as <see cref="RankingAsync"/>.</summary>
    public async Task<UnitScoreCard?> CardAsync(Actor? actor, int year, string unitCode, bool draft = false, int? version = null,
        CancellationToken cancellationToken = default)
    {
        if (version is not null)
        {
            return await publications.GetCardAsync(year, unitCode, version, cancellationToken);
        }

        if (!(draft && MayReadDraft(actor)) && await publications.GetCardAsync(year, unitCode, null, cancellationToken) is { } published)
        {
            return published;
        }

        return await LiveAsync(actor, year, cancellationToken) is { } live ? await cards.GetAsync(live, unitCode, cancellationToken) : null;
    }

    /// <summary>
    /// The live ranking when the reader may see it: a year imported from its published table (anyone;
    /// kept in memory, as its results change only by another import, which moves the generation), else
    /// the draft for those who oversee the assessment.
    /// </summary>
    private async Task<YearRanking?> LiveAsync(Actor? actor, int year, CancellationToken cancellationToken)
    {
        if ((await ImportedYearsAsync(cancellationToken)).Contains(year))
        {
            return await cache.GetOrCreateAsync(("imported-ranking", year, generation.Current), entry =>
            {
                entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(10);
                return rankings.GetAsync(year, cancellationToken);
            });
        }

        return MayReadDraft(actor) ? await rankings.GetAsync(year, cancellationToken) : null;
    }

    /// <summary>Years whose results all come from published tables (read once a request, like the published versions).</summary>
    private async Task<List<int>> ImportedYearsAsync(CancellationToken cancellationToken)
    {
        var current = generation.Current;
        if (_imported is { } memo && memo.Generation == current)
        {
            return memo.Years;
        }

        var years = await db.Years.AsNoTracking()
            .Where(y => db.UnitResults.Any(r => r.AssessmentYearId == y.Id)
                && !db.UnitResults.Any(r => r.AssessmentYearId == y.Id && r.Source != ResultSource.Imported))
            .Select(y => y.Year).ToListAsync(cancellationToken);
        _imported = (current, years);
        return years;
    }
}
