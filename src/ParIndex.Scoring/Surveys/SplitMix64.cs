namespace ParIndex.Scoring.Surveys;

/// <summary>
/// A small, fast, seedable generator (SplitMix64, Steele, Lea &amp; Flood 2014, as in Java's
/// SplittableRandom) so that the bootstrap is reproducible on every machine and thread schedule:
/// each (seed, unit, replicate) gets its own stream. Written here because the engine takes no
/// package and <see cref="Random"/>'s seeded algorithm is slower and tied to one runtime's choice.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>A stream derived from a seed and two indices (e.g. unit and replicate).</summary>
    public static SplitMix64 For(ulong seed, int a, int b)
    {
        unchecked // the multiplications wrap on purpose
        {
            var mix = new SplitMix64(seed ^ (0x9E3779B97F4A7C15UL * (ulong)(uint)a));
            var start = mix.Next() ^ (0xBF58476D1CE4E5B9UL * ((ulong)(uint)b + 1UL));
            return new SplitMix64(start);
        }
    }

    public ulong Next()
    {
        unchecked
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A whole number in [0, <paramref name="bound"/>) (multiply-high; bias below bound ÷ 2⁶⁴).</summary>
    public int NextInt(int bound) => (int)Math.BigMul(Next(), (ulong)bound, out _);
}
