namespace ParIndex.Scoring.Surveys;

/// <summary>
/// How many respondents a unit's group needs for a chosen margin of error, and the margin a sample
/// gives. Two forms, both shown to planners: Yamane's n = N ÷ (1 + N·e²) (the form Vietnamese survey
/// guides use, for p = 0,5 at about 95%), and the normal approximation n₀ = z²·p(1−p) ÷ e² with the
/// finite-population correction n = n₀ ÷ (1 + (n₀ − 1) ÷ N). Sizes are rounded up to whole respondents.
/// </summary>
public static class SamplePlanner
{
    /// <summary>z for a two-sided 95% level.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>Yamane's sample size for a population of <paramref name="population"/> and margin <paramref name="margin"/> (e.g. 0,05).</summary>
    public static int Yamane(int population, double margin)
    {
        Check(population, margin);
        return (int)Math.Min(population, Math.Ceiling(population / (1 + (population * margin * margin))));
    }

    /// <summary>The normal-approximation sample size with finite-population correction.</summary>
    /// <param name="population">N, the people the group stands for (≥ 1).</param>
    /// <param name="margin">e, the half-width wanted (0 &lt; e &lt; 1).</param>
    /// <param name="proportion">p, the expected share (0,5 is the safe choice).</param>
    /// <param name="z">z for the level (default 95%).</param>
    public static int Normal(int population, double margin, double proportion = 0.5, double z = Z95)
    {
        Check(population, margin);
        if (proportion is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(proportion), proportion, "The expected share lies strictly between 0 and 1.");
        }

        var n0 = z * z * proportion * (1 - proportion) / (margin * margin);
        if (!double.IsFinite(n0) || n0 >= population)
        {
            return population; // a margin this small asks for everyone: a census
        }

        return (int)Math.Min(population, Math.Ceiling(n0 / (1 + ((n0 - 1) / population))));
    }

    /// <summary>
    /// The margin of error (half-width, at level z) of a share estimated from <paramref name="sample"/>
    /// respondents out of <paramref name="population"/>, with the finite-population correction; 0 for a census.
    /// </summary>
    public static double MarginOfError(int sample, int population, double proportion = 0.5, double z = Z95)
    {
        if (sample < 1 || population < sample)
        {
            throw new ArgumentOutOfRangeException(nameof(sample), sample, "The sample has at least one respondent and no more than the population.");
        }

        var correction = population == 1 ? 0 : Math.Sqrt((double)(population - sample) / (population - 1));
        return z * Math.Sqrt(proportion * (1 - proportion) / sample) * correction;
    }

    private static void Check(int population, double margin)
    {
        if (population < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(population), population, "The population has at least one person.");
        }

        if (!double.IsFinite(margin) || margin is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, "The margin of error lies strictly between 0 and 1 (e.g. 0,05).");
        }
    }
}
