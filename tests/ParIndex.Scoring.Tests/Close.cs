namespace ParIndex.Scoring.Tests;

/// <summary>
/// Equality for unrounded decimals: proportional rules give 28 significant digits, so sums taken in
/// a different order may differ in the last digit (about 1e-27). 1e-20 is far below anything published.
/// </summary>
internal static class Close
{
    public const decimal Tolerance = 0.00000000000000000001m;

    public static void Equal(decimal? expected, decimal? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.True(Math.Abs(expected.Value - actual.Value) <= Tolerance, $"Expected {expected}, got {actual}.");
    }
}
