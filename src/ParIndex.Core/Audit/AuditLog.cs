using ParIndex.Core.Accounts;
using ParIndex.Core.Data;

namespace ParIndex.Core.Audit;

/// <summary>
/// Adds audit entries to the current unit of work, so that a change and its record are saved by the
/// same <c>SaveChangesAsync</c> (both or neither).
/// </summary>
public sealed class AuditLog(ParIndexDbContext db, TimeProvider clock)
{
    public void Record(Actor? actor, string subject, string? oldValue, string? newValue, string? reason = null,
        int? yearId = null, int? unitId = null, int? nodeId = null)
    {
        if (string.Equals(oldValue, newValue, StringComparison.Ordinal))
        {
            return;
        }

        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow(),
            UserId = actor?.UserId,
            UserName = actor?.UserName ?? "system",
            Subject = subject,
            OldValue = oldValue,
            NewValue = newValue,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            AssessmentYearId = yearId,
            UnitId = unitId,
            NodeId = nodeId,
        });
    }
}
