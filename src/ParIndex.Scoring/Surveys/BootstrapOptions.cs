namespace ParIndex.Scoring.Surveys;

/// <summary>How to run the bootstrap.</summary>
/// <param name="Replicates">How many resamples (default 1,000).</param>
/// <param name="Seed">The seed: the same seed and data give the same result, whatever the number of threads.</param>
/// <param name="Level">The interval's coverage (default 0,90: from the 5th to the 95th percentile).</param>
/// <param name="Parallel">Use every core (default true); the result does not depend on it.</param>
public sealed record BootstrapOptions(int Replicates = 1000, ulong Seed = 20261121, double Level = 0.90, bool Parallel = true);
