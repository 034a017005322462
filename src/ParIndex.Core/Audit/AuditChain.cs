using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;

namespace ParIndex.Core.Audit;

/// <summary>What a check of the audit chain found.</summary>
/// <param name="Entries">Entries checked.</param>
/// <param name="HeadSequence">The last entry's place in the chain (0 for an empty trail).</param>
/// <param name="Head">The last entry's hash, hex; the chain's head, printed on published decisions.</param>
/// <param name="Problem">Null when intact; else what is wrong with the first bad entry, in words.</param>
/// <param name="ProblemSequence">The place in the chain of the first bad entry.</param>
/// <param name="ProblemId">Its row id, when it still exists.</param>
public sealed record AuditChainReport(long Entries, long HeadSequence, string Head, string? Problem, long? ProblemSequence, long? ProblemId)
{
    public bool Intact => Problem is null;
}

/// <summary>A published version's seal, as printed with its decision, and whether it still holds (null: published before seals existed).</summary>
public sealed record SealCheck(int Year, int Version, string? Decision, string? ContentHash, long? Sequence, string? Head, bool? ContentHolds, bool? HeadHolds)
{
    public bool Sealed => ContentHash is not null;

    public bool Holds => ContentHolds != false && HeadHolds != false;
}

/// <summary>The chain and the seals of the published versions.</summary>
public sealed record AuditTrailReport(AuditChainReport Chain, IReadOnlyList<SealCheck> Seals)
{
    public bool Intact => Chain.Intact && Seals.All(s => s.Holds);

    /// <summary>Published versions whose seal was checked (and held or not).</summary>
    public int PublicationsChecked => Seals.Count(s => s.Sealed);

    /// <summary>Published before the trail had seals: nothing printed to check against.</summary>
    public int PublicationsUnsealed => Seals.Count(s => !s.Sealed);

    /// <summary>What no longer holds, in words, one line per broken seal part.</summary>
    public IReadOnlyList<string> SealProblems =>
    [
        .. Seals.SelectMany(s => new[]
        {
            s.ContentHolds == false ? Messages.Get("AuditSealContentChanged", s.Year, s.Version) : null,
            s.HeadHolds == false ? Messages.Get("AuditSealHeadChanged", s.Year, s.Version, s.Sequence) : null,
        }).OfType<string>(),
    ];
}

/// <summary>
/// Makes the audit trail tamper-evident. Each entry carries its place in the chain (<c>sequence</c>, 1, 2, 3 …
/// without gaps) and a SHA-256 hash of the previous entry's hash and its own content, assigned when it is
/// saved, under one lock, in the transaction that saves the change it records. An UPDATE by hand breaks
/// that entry's hash; a DELETE leaves a gap, or breaks the next entry's link; an INSERT by hand carries no
/// hash the chain agrees with. Rewriting the whole chain from some point on is not detected here, but by
/// a chain head printed on a published decision (<see cref="HeadAtAsync"/>): see docs/adr/0014.
/// </summary>
public static class AuditChain
{
    /// <summary>The advisory lock that orders the chain (distinct from every other lock key).</summary>
    private const long LockKey = 0x4155_4449_5443_4841; // "AUDITCHA"

    private static readonly byte[] Genesis = SHA256.HashData("ParIndex audit chain"u8);

    /// <summary>
    /// Gives <paramref name="added"/> their places and hashes after the chain's head. Called by the
    /// context's SaveChanges inside its transaction; the lock is held until that transaction ends, so
    /// two transactions never chain onto the same head.
    /// </summary>
    internal static async Task SealAsync(ParIndexDbContext db, IReadOnlyList<AuditEntry> added, CancellationToken cancellationToken)
    {
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        var (sequence, previous) = await LastAsync(db, cancellationToken);
        foreach (var entry in added)
        {
            entry.Sequence = ++sequence;
            entry.Hash = HashOf(previous, entry);
            previous = entry.Hash;
        }
    }

    /// <summary>
    /// Seals the entries waiting to be saved now (inside the caller's transaction) and gives the head they
    /// make: for a change that must carry the head it is recorded under (a publication's printed seal).
    /// Saving seals them again to the same places and hashes, the head being unchanged under the lock.
    /// </summary>
    public static async Task<(long Sequence, string Hash)> SealPendingAsync(ParIndexDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Sealing ahead of saving needs the caller's transaction.");
        }

        var added = db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity).ToList();
        await SealAsync(db, added, cancellationToken);
        return added.Count == 0 ? await HeadAsync(db, cancellationToken) : (added[^1].Sequence, Convert.ToHexStringLower(added[^1].Hash));
    }

    /// <summary>An entry's hash: SHA-256 of the previous hash followed by the entry's canonical text in UTF-8.</summary>
    public static byte[] HashOf(byte[] previous, AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(entry);
        var text = Encoding.UTF8.GetBytes(CanonicalText(entry));
        var buffer = new byte[previous.Length + text.Length];
        previous.CopyTo(buffer, 0);
        text.CopyTo(buffer, previous.Length);
        return SHA256.HashData(buffer);
    }

    /// <summary>
    /// Every field but the row id, in a fixed order, separated by U+001F, a null written as U+001E; the
    /// time in UTC to the microsecond (what PostgreSQL stores).
    /// </summary>
    public static string CanonicalText(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        static string Of(object? value) => value switch
        {
            null => "\u001E",
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            string s => s,
            _ => throw new ArgumentException("Unexpected field type.", nameof(value)),
        };
        var at = entry.At.UtcDateTime;
        var micros = new DateTime(at.Ticks - (at.Ticks % 10), DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
        return string.Join('\u001F',
            Of(entry.Sequence), micros, Of(entry.UserId), Of(entry.UserName), Of(entry.AssessmentYearId), Of(entry.UnitId), Of(entry.NodeId),
            Of(entry.Subject), Of(entry.OldValue), Of(entry.NewValue), Of(entry.Reason));
    }

    /// <summary>The chain's head now: its last place and hash (hex).</summary>
    public static async Task<(long Sequence, string Hash)> HeadAsync(ParIndexDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var (sequence, hash) = await LastAsync(db, cancellationToken);
        return (sequence, Convert.ToHexStringLower(hash));
    }

    /// <summary>The last entry's place and hash; the genesis hash at place 0 for an empty trail.</summary>
    private static async Task<(long Sequence, byte[] Hash)> LastAsync(ParIndexDbContext db, CancellationToken cancellationToken)
    {
        var last = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        return last is null ? (0L, Genesis) : (last.Sequence, last.Hash);
    }

    /// <summary>The hash (hex) of the entry at <paramref name="sequence"/>, or null when there is none.</summary>
    public static async Task<string?> HeadAtAsync(ParIndexDbContext db, long sequence, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var hash = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence == sequence).Select(e => e.Hash).FirstOrDefaultAsync(cancellationToken);
        return hash is null ? null : Convert.ToHexStringLower(hash);
    }

    /// <summary>
    /// Walks the whole chain in order, streaming (a million entries hold no more than one in memory), and
    /// stops at the first entry that was changed, removed or inserted by hand.
    /// </summary>
    public static async Task<AuditChainReport> VerifyAsync(ParIndexDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var previous = Genesis;
        long expected = 1, count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ThenBy(e => e.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            count++;
            if (entry.Sequence < expected)
            {
                return Broken(count, expected - 1, previous, Messages.Get("AuditChainInserted", entry.Id, entry.Sequence), entry);
            }

            if (entry.Sequence > expected)
            {
                return Broken(count, expected - 1, previous, Messages.Get("AuditChainRemoved", expected, entry.Sequence - 1), entry, expected);
            }

            var hash = HashOf(previous, entry);
            if (!CryptographicOperations.FixedTimeEquals(hash, entry.Hash))
            {
                // Its own content, or its link to the one before, is not what was sealed.
                return Broken(count, expected - 1, previous, Messages.Get("AuditChainChanged", entry.Id, entry.Sequence), entry);
            }

            previous = entry.Hash;
            expected++;
        }

        return new AuditChainReport(count, expected - 1, Convert.ToHexStringLower(previous), null, null, null);
    }

    /// <summary>
    /// The whole trail: the chain (<see cref="VerifyAsync"/>), then every published version's seal: its
    /// snapshot still hashes to what was printed, and the chain still holds the head it was published under.
    /// </summary>
    public static async Task<AuditTrailReport> VerifyTrailAsync(ParIndexDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var chain = await VerifyAsync(db, cancellationToken);
        var published = await db.Publications.AsNoTracking().Where(p => p.Status == Publishing.PublicationStatus.Published)
            .Join(db.Years, p => p.AssessmentYearId, y => y.Id, (p, y) => new { p.Id, y.Year, p.Version, p.DecisionNumber, p.DecisionDate, p.ContentHash, p.AuditSequence, p.AuditHead })
            .OrderBy(p => p.Year).ThenBy(p => p.Version).ToListAsync(cancellationToken);
        var seals = new List<SealCheck>();
        foreach (var p in published)
        {
            var decision = p.DecisionNumber is { } number && p.DecisionDate is { } date ? Publishing.PublicationService.Decision(number, date) : null;
            if (p.ContentHash is null)
            {
                seals.Add(new SealCheck(p.Year, p.Version, decision, null, null, null, null, null));
                continue;
            }

            var content = await Publishing.PublicationSeal.ContentHashAsync(db, p.Id, cancellationToken) == p.ContentHash;
            bool? head = p.AuditSequence is { } sequence ? await HeadAtAsync(db, sequence, cancellationToken) == p.AuditHead : null;
            seals.Add(new SealCheck(p.Year, p.Version, decision, p.ContentHash, p.AuditSequence, p.AuditHead, content, head));
        }

        return new AuditTrailReport(chain, seals);
    }

    private static AuditChainReport Broken(long count, long headSequence, byte[] head, string problem, AuditEntry entry, long? sequence = null) =>
        new(count, headSequence, Convert.ToHexStringLower(head), problem, sequence ?? entry.Sequence, sequence is null ? entry.Id : null);
}
