namespace ParIndex.Core.Notifications;

/// <summary>An in-app message to one user (a state change or an approaching deadline).</summary>
public sealed class Notification
{
    public long Id { get; set; }

    public int UserId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The text in Vietnamese, as sent by e-mail and kept for the record.</summary>
    public required string Message { get; set; }

    /// <summary>The text's key in Resources/Messages (null for a plain text).</summary>
    public string? MessageKey { get; set; }

    /// <summary>The text's arguments; an argument written "@Key" is itself a message key, translated on display.</summary>
    public string[]? MessageArgs { get; set; }

    /// <summary>A path inside ParIndex to open (e.g. the unit's assessment).</summary>
    public string? Link { get; set; }

    public DateTimeOffset? ReadAt { get; set; }

    /// <summary>Makes a reminder idempotent: one per user and key (e.g. "deadline:2026:1:SO01:3d").</summary>
    public string? DedupeKey { get; set; }

    /// <summary>The text in a reader's language.</summary>
    public string Text(System.Globalization.CultureInfo culture) =>
        MessageKey is null ? Message : Messages.In(culture, MessageKey, Notifier.Resolve(culture, MessageArgs ?? []));

    /// <summary>When it was also sent by e-mail; null when not (yet) sent or when SMTP is not configured.</summary>
    public DateTimeOffset? EmailedAt { get; set; }
}
