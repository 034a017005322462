namespace ParIndex.Core.Audit;

/// <summary>
/// One recorded change: who, when, what (subject, and where: year, unit, leaf), the old and the new
/// value as text, and why. Never updated or deleted: each is chained to the one before by its hash.
/// </summary>
public sealed class AuditEntry
{
    public long Id { get; set; }

    /// <summary>The entry's place in the audit chain: 1, 2, 3 … without gaps (<see cref="AuditChain"/>).</summary>
    public long Sequence { get; set; }

    /// <summary>SHA-256 of the previous entry's hash and this entry's content (<see cref="AuditChain.HashOf"/>).</summary>
    public byte[] Hash { get; set; } = [];

    public DateTimeOffset At { get; set; }

    /// <summary>The acting account; null for the system (e.g. the command line before any account exists).</summary>
    public int? UserId { get; set; }

    public required string UserName { get; set; }

    public int? AssessmentYearId { get; set; }

    public int? UnitId { get; set; }

    public int? NodeId { get; set; }

    /// <summary>What changed, one of <see cref="AuditSubjects"/>.</summary>
    public required string Subject { get; set; }

    public string? OldValue { get; set; }

    public string? NewValue { get; set; }

    public string? Reason { get; set; }
}
