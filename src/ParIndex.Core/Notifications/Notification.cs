namespace ParIndex.Core.Notifications;

/// <summary>An in-app message to one user (a state change or an approaching deadline).</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public int UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public required string Message { get; set; }

    /// <summary>A path inside ParIndex to open (e.g. the unit's assessment).</summary>
    public string? Link { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Makes a reminder idempotent: one per user and key (e.g. "deadline:2026:1:SO01:3d").</summary>
    public string? DedupeKey { get; set; }

    /// <summary>When it was also sent by e-mail; null when not (yet) sent or when SMTP is not configured.</summary>
    public DateTimeOffset? EmailedAt { get; set; }
}
