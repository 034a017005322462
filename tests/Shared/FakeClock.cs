namespace ParIndex.Tests;

/// <summary>A settable clock for tests of calendars and deadlines (the services take a <see cref="TimeProvider"/>).</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now.ToUniversalTime();
}
