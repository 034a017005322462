using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Core.Years;

namespace ParIndex.Core.Publishing;

/// <summary>
/// The check every writer of a year's results makes first: while a version is proposed or published
/// nothing the results come from may change. The database refuses it too (triggers of migration
/// M0005); this gives the user the reason in words.
/// </summary>
public static class ResultsLock
{
    /// <summary>A refusal when the year's results are locked, or null when they may change.</summary>
    public static async Task<Outcome?> RefuseIfLockedAsync(ParIndexDbContext db, int yearId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var year = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Id == yearId, cancellationToken);
        return year is { ResultsLocked: true } ? Outcome.Conflict(await MessageAsync(db, year, cancellationToken), null) : null;
    }

    /// <summary>Why the year's results cannot change: waiting for approval, or published under a decision.</summary>
    public static async Task<string> MessageAsync(ParIndexDbContext db, AssessmentYear year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(year);
        var latest = await db.Publications.AsNoTracking()
            .Where(p => p.AssessmentYearId == year.Id && p.Status != PublicationStatus.Rejected)
            .OrderByDescending(p => p.Version).FirstOrDefaultAsync(cancellationToken);
        return latest switch
        {
            { Status: PublicationStatus.Proposed } => Messages.Get("ResultsLockedProposed", year.Year, latest.Version),
            { DecisionNumber: { } number, DecisionDate: { } date } => Messages.Get("ResultsLockedPublished", year.Year,
                PublicationService.Decision(number, date)),
            _ => Messages.Get("ResultsLockedProposed", year.Year, "?"),
        };
    }
}
