using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;

namespace ParIndex.Core.Evidence;

/// <summary>
/// A unit's evidence library: uploads checked by size and content, stored once under their hash
/// outside the web root; read back only by people allowed to see the unit.
/// </summary>
public sealed class EvidenceService(ParIndexDbContext db, IOptions<EvidenceOptions> options, Audit.AuditLog audit, TimeProvider clock)
{
    private readonly EvidenceOptions _options = options.Value;

    public long MaxBytes => _options.MaxBytes;

    /// <summary>Whether an actor may read a unit's documents (its own users, readers of everything, appraisers assigned to it).</summary>
    public async Task<bool> CanReadAsync(Actor actor, int unitId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.ReadsEverything || actor.IsOwnUnit(unitId)
            || (actor.Is(Roles.Appraiser) && await db.AppraiserAssignments.AnyAsync(
                a => a.UserId == actor.UserId && (a.UnitId == null || a.UnitId == unitId), cancellationToken));
    }

    /// <summary>The unit's library, newest first.</summary>
    public async Task<IReadOnlyList<EvidenceFile>> ListAsync(int unitId, CancellationToken cancellationToken = default) =>
        await db.EvidenceFiles.AsNoTracking().Where(f => f.UnitId == unitId).OrderByDescending(f => f.Id).ToListAsync(cancellationToken);

    /// <summary>
    /// Adds a document to the unit's library (the unit's own reporter or head). The same content
    /// uploaded again returns the existing document.
    /// </summary>
    public async Task<Outcome> UploadAsync(Actor actor, string unitCode, string fileName, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(content);
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Code == unitCode, cancellationToken);
        if (unit is null)
        {
            return Outcome.NotFound(Messages.Get("UnitNotFound", unitCode));
        }

        if (!actor.IsOwnUnit(unit.Id))
        {
            return Outcome.Forbidden(Messages.Get("UploadOwnUnitOnly"));
        }

        var name = Path.GetFileName((fileName ?? "").Replace('\\', '/')).Trim();
        if (name.Length == 0 || name.Length > 200)
        {
            return Outcome.Invalid("file", Messages.Get("EvidenceNameInvalid"));
        }

        var bytes = await ReadLimitedAsync(content, _options.MaxBytes, cancellationToken);
        if (bytes is null)
        {
            return Outcome.Invalid("file", Messages.Get("EvidenceTooLarge", name, _options.MaxBytes / (1024 * 1024)));
        }

        if (bytes.Length == 0)
        {
            return Outcome.Invalid("file", Messages.Get("EvidenceEmpty", name));
        }

        var type = EvidenceContent.Detect(bytes);
        var extension = Path.GetExtension(name).ToLowerInvariant();
        if (type is null)
        {
            return Outcome.Invalid("file", Messages.Get("EvidenceTypeRefused", name));
        }

        if (extension != type.Value.Extension && !(extension == ".jpeg" && type.Value.Extension == ".jpg"))
        {
            return Outcome.Invalid("file", Messages.Get("EvidenceTypeMismatch", name, type.Value.Extension));
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var existing = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.UnitId == unit.Id && f.Sha256 == hash, cancellationToken);
        if (existing is not null)
        {
            return Outcome.Ok(existing);
        }

        var path = PathOf(hash);
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".part";
            await File.WriteAllBytesAsync(temporary, bytes, cancellationToken);
            File.Move(temporary, path, overwrite: true);
        }

        var file = new EvidenceFile
        {
            UnitId = unit.Id,
            FileName = name,
            ContentType = type.Value.ContentType,
            SizeBytes = bytes.Length,
            Sha256 = hash,
            UploadedBy = actor.UserId,
            UploadedAt = clock.GetUtcNow(),
        };
        db.EvidenceFiles.Add(file);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(file);
    }

    /// <summary>Which leaves use each of a unit's documents: by document id, "year: leaf, leaf" lines, latest year first.</summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<string>>> UsesAsync(int unitId, CancellationToken cancellationToken = default)
    {
        var uses = await (from l in db.LeafEvidence.AsNoTracking()
                          join f in db.EvidenceFiles on l.EvidenceFileId equals f.Id
                          join e in db.LeafEntries on l.LeafEntryId equals e.Id
                          join n in db.FrameworkNodes on e.NodeId equals n.Id
                          join y in db.Years on e.AssessmentYearId equals y.Id
                          where f.UnitId == unitId
                          select new { l.EvidenceFileId, y.Year, n.Code }).ToListAsync(cancellationToken);
        return uses.GroupBy(u => u.EvidenceFileId).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)[.. g.GroupBy(u => u.Year)
            .OrderByDescending(y => y.Key)
            .Select(y => $"{y.Key}: {string.Join(", ", y.Select(u => u.Code).Distinct().Order(StringComparer.Ordinal))}")]);
    }

    /// <summary>Describes a document of the unit's library (the unit's own staff): number, date, issuer, summary.</summary>
    public async Task<Outcome> DescribeAsync(Actor actor, int evidenceId, string? number, DateOnly? date, string? issuer, string? summary,
        CancellationToken cancellationToken = default)
    {
        var (file, failure) = await OwnFileAsync(actor, evidenceId, cancellationToken);
        if (file is null)
        {
            return failure!;
        }

        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        var problems = new List<FieldProblem>();
        foreach (var (field, text, max) in new[] { ("documentNumber", number, 100), ("issuer", issuer, 200), ("summary", summary, 1000) })
        {
            if (Clean(text) is { Length: var length } && length > max)
            {
                problems.Add(new FieldProblem(field, Messages.Get("TextTooLong", max)));
            }
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        (file.DocumentNumber, file.DocumentDate, file.Issuer, file.Summary) = (Clean(number), date, Clean(issuer), Clean(summary));
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(file);
    }

    /// <summary>Deletes a document that no leaf uses (the unit's own staff); its bytes go when no other library holds them. Audited.</summary>
    public async Task<Outcome> DeleteAsync(Actor actor, int evidenceId, CancellationToken cancellationToken = default)
    {
        var (file, failure) = await OwnFileAsync(actor, evidenceId, cancellationToken);
        if (file is null)
        {
            return failure!;
        }

        if (await db.LeafEvidence.AnyAsync(l => l.EvidenceFileId == file.Id, cancellationToken))
        {
            return Outcome.Invalid("evidence", Messages.Get("EvidenceInUse", file.FileName));
        }

        db.EvidenceFiles.Remove(file);
        audit.Record(actor, Audit.AuditSubjects.Evidence, $"{file.FileName} ({file.Sha256})", null, Messages.Get("EvidenceDeletedReason"), null, file.UnitId);
        await db.SaveChangesAsync(cancellationToken);
        if (!await db.EvidenceFiles.AnyAsync(f => f.Sha256 == file.Sha256, cancellationToken) && File.Exists(PathOf(file.Sha256)))
        {
            File.Delete(PathOf(file.Sha256));
        }

        return Outcome.Ok(file);
    }

    /// <summary>A document of the actor's own unit (tracked), or why not: it does not exist, or it is another unit's.</summary>
    private async Task<(EvidenceFile? File, Outcome? Failure)> OwnFileAsync(Actor actor, int evidenceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == evidenceId, cancellationToken);
        return file is null ? (null, Outcome.NotFound(Messages.Get("EvidenceNotFound", evidenceId)))
            : !actor.IsOwnUnit(file.UnitId) ? (null, Outcome.Forbidden(Messages.Get("UploadOwnUnitOnly")))
            : (file, null);
    }

    /// <summary>Opens a document for download if the actor may see its unit.</summary>
    public async Task<(EvidenceFile File, Stream Content)?> OpenAsync(Actor actor, int evidenceId, CancellationToken cancellationToken = default)
    {
        var file = await db.EvidenceFiles.AsNoTracking().SingleOrDefaultAsync(f => f.Id == evidenceId, cancellationToken);
        if (file is null || !await CanReadAsync(actor, file.UnitId, cancellationToken))
        {
            return null;
        }

        return (file, File.OpenRead(PathOf(file.Sha256)));
    }

    private string PathOf(string hash) => Path.Combine(_options.Directory, hash[..2], hash);

    private static async Task<byte[]?> ReadLimitedAsync(Stream content, long max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
