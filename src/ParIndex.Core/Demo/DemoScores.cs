using ParIndex.Scoring;
using ParIndex.Scoring.Rules;

namespace ParIndex.Core.Demo;

/// <summary>Deterministic generated leaf inputs for the demo (a seeded generator per unit and year).</summary>
internal static class DemoScores
{
    /// <summary>One unit's inputs: a unit-and-year "quality" drives every leaf, with noise.</summary>
    public static LeafInput[] Generate(Framework framework, int year, int unitIndex)
    {
        // A lasting quality per unit, moved a little each year: ranks change, but not wildly.
        var lasting = 0.78 + (new Random(7_919 + unitIndex).NextDouble() * 0.17);
        var random = new Random((year * 1_000) + unitIndex);
        var quality = lasting + ((random.NextDouble() - 0.5) * 0.06);
        var inputs = framework.NewInputs();
        for (var i = 0; i < inputs.Length; i++)
        {
            var leaf = framework.Leaves[i];
            if (leaf.Component == Component.Survey)
            {
                continue; // scored from the seeded survey responses (DemoSurvey)
            }

            var level = Math.Clamp(quality + ((random.NextDouble() - 0.5) * 0.3), 0.0, 1.0);

            // Some units have no dossiers or no investment capital: those leaves do not apply to them.
            if (leaf.Rule is RateRule && random.Next(14) == 0)
            {
                inputs[i] = LeafInput.NotApplicable;
                continue;
            }

            inputs[i] = leaf.Rule switch
            {
                ManualRule m => LeafInput.Points(Math.Floor(leaf.MaxPoints * (decimal)level / m.Step) * m.Step),
                YesNoRule => LeafInput.YesNo(random.NextDouble() < level + 0.1),
                TieredRule t => LeafInput.Tier(level > 0.85 ? 0 : level > 0.6 ? 1 : t.Tiers.Count - 1),
                RateRule => Rate(random, level),
                DeductionRule => LeafInput.Count(level > 0.9 ? 0 : random.Next(0, 4)),
                BonusPenaltyRule => LeafInput.BonusPenalty(level > 0.9 ? 0.5m * random.Next(1, 4) : 0m, level < 0.6 ? 0.5m : 0m),
                _ => LeafInput.Missing,
            };
        }

        return inputs;
    }

    /// <summary>Makes two departments score identically in the current year, so a shared rank shows (their survey responses are identical too).</summary>
    public static void MakeTie(List<LeafInput[]> inputs, int year)
    {
        if (year == DemoSeeder.CurrentYear && inputs.Count > 3)
        {
            inputs[2].CopyTo(inputs[3], 0);
        }
    }

    private static LeafInput Rate(Random random, double level)
    {
        var denominator = random.Next(20, 400);
        var numerator = (int)Math.Round(denominator * Math.Min(1.0, level + 0.05));
        return LeafInput.Rate(numerator, denominator);
    }
}
