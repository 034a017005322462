namespace ParIndex.Core.Publishing;

/// <summary>
/// A number that moves whenever what the public may read may have changed: a proposal, a rejection, a
/// publication or a correction opened. Pages rendered from published versions are cached under it
/// (ParIndex.Web's <c>PublishedPages</c>), so the next request after a change renders afresh. Held in
/// this process (one per application); see ADR 0016 for what that means with several instances.
/// </summary>
public sealed class PublishedGeneration(TimeProvider clock)
{
    private long _value = clock.GetUtcNow().ToUnixTimeMilliseconds(); // a restart never reuses an earlier number

    public long Current => Interlocked.Read(ref _value);

    /// <summary>Called after a change to the publications is committed.</summary>
    public void Advance() => Interlocked.Increment(ref _value);
}
