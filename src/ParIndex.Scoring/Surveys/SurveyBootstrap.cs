using System.Globalization;

namespace ParIndex.Scoring.Surveys;

/// <summary>
/// How sure each index and rank is, given that survey points come from samples of respondents. In
/// each replicate, every unit's respondents are resampled with replacement within each group (same
/// group sizes), the survey leaves, survey points and index are recomputed exactly as for the
/// published figures (appraisal points held fixed), and units are ranked in their bloc. The interval
/// of a unit's index or rank runs between the replicates' lower and upper percentiles (5th and 95th
/// for a 90% level, nearest rank). Two neighbours' order is robust when the interval of their index
/// difference excludes 0.
/// </summary>
/// <remarks>
/// The point estimates are exact (decimal, as published); the replicates use binary floating point,
/// which is ample for percentiles. Each (seed, unit, replicate) has its own random stream, so results
/// do not depend on the number of threads.
/// </remarks>
public static class SurveyBootstrap
{
    /// <summary>Runs the bootstrap for all units (ranked within their blocs).</summary>
    /// <exception cref="ArgumentException">Bad options, or a response the design does not accept.</exception>
    public static IReadOnlyList<UnitInterval> Run(SurveyDesign design, IReadOnlyList<BootstrapUnit> units, BootstrapOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(design);
        ArgumentNullException.ThrowIfNull(units);
        options ??= new BootstrapOptions();
        if (options.Replicates < 10 || options.Level is <= 0 or >= 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The bootstrap needs at least 10 replicates and a level between 0 and 1; got {options.Replicates} and {options.Level}."), nameof(options));
        }

        var count = units.Count;
        var replicates = options.Replicates;
        var estimates = new decimal[count];
        var surveyPoints = new decimal[count];
        var compiled = new CompiledUnit[count];
        Loop(count, options.Parallel, u =>
        {
            var unit = units[u];
            if (unit.ApplicableMaximum <= 0m)
            {
                throw new ArgumentException($"Unit {unit.Code} has no applicable maximum.", nameof(units));
            }

            var results = design.Score(unit.Responses, code => unit.SurveyMaxima.GetValueOrDefault(code));
            surveyPoints[u] = results.Sum(r => r.Points ?? 0m);
            estimates[u] = IndexOf(unit.FixedPoints + surveyPoints[u], unit.ApplicableMaximum);
            compiled[u] = Compile(design, unit);
        });

        var indices = new double[count * replicates];
        Loop(count, options.Parallel, u =>
        {
            var unit = compiled[u];
            var sums = new double[unit.Groups.Length * design.Leaves.Count * 2];
            for (var k = 0; k < replicates; k++)
            {
                var random = SplitMix64.For(options.Seed, u, k);
                indices[(u * replicates) + k] = unit.Replicate(ref random, sums);
            }
        });

        var blocs = Enumerable.Range(0, count).GroupBy(u => units[u].Bloc, StringComparer.Ordinal).Select(g => g.ToArray()).ToList();
        var ranks = new int[count * replicates];
        Loop(replicates, options.Parallel, k =>
        {
            foreach (var bloc in blocs)
            {
                foreach (var u in bloc)
                {
                    var mine = indices[(u * replicates) + k];
                    var rank = 1;
                    foreach (var other in bloc)
                    {
                        if (indices[(other * replicates) + k] > mine)
                        {
                            rank++;
                        }
                    }

                    ranks[(u * replicates) + k] = rank;
                }
            }
        });

        var tail = (1 - options.Level) / 2;
        var result = new UnitInterval[count];
        foreach (var bloc in blocs)
        {
            var ordered = bloc.OrderByDescending(u => estimates[u]).ToArray();
            for (var i = 0; i < ordered.Length; i++)
            {
                var u = ordered[i];
                var rank = 1 + bloc.Count(o => estimates[o] > estimates[u]);
                var (low, high) = Interval(indices.AsSpan(u * replicates, replicates).ToArray(), tail);
                var (best, worst) = Interval(ranks.AsSpan(u * replicates, replicates).ToArray().Select(r => (double)r).ToArray(), tail);
                bool? robust = null;
                if (i + 1 < ordered.Length)
                {
                    var next = ordered[i + 1];
                    var differences = new double[replicates];
                    for (var k = 0; k < replicates; k++)
                    {
                        differences[k] = indices[(u * replicates) + k] - indices[(next * replicates) + k];
                    }

                    robust = Interval(differences, tail).Low > 0;
                }

                result[u] = new UnitInterval(units[u].Code, units[u].Bloc, estimates[u], surveyPoints[u], low, high, rank, (int)best, (int)worst, robust);
            }
        }

        return result;
    }

    private static decimal IndexOf(decimal total, decimal maximum) => Math.Clamp(total, 0m, maximum) * 100m / maximum;

    /// <summary>The nearest-rank percentiles at <paramref name="tail"/> and 1 − <paramref name="tail"/>.</summary>
    private static (double Low, double High) Interval(double[] values, double tail)
    {
        Array.Sort(values);
        var last = values.Length - 1;
        return (values[(int)Math.Floor(tail * last)], values[(int)Math.Ceiling((1 - tail) * last)]);
    }

    private static void Loop(int count, bool parallel, Action<int> body)
    {
        if (parallel)
        {
            System.Threading.Tasks.Parallel.For(0, count, body);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                body(i);
            }
        }
    }

    /// <summary>
    /// A unit prepared for resampling: per group, each respondent's contribution to each leaf
    /// (weighted sum of values, sum of weights of answered questions), as one flat array.
    /// </summary>
    private static CompiledUnit Compile(SurveyDesign design, BootstrapUnit unit)
    {
        var leafCount = design.Leaves.Count;
        var groups = new GroupSample[design.Groups.Count];
        var byGroup = unit.Responses.GroupBy(r => design.GroupIndex(r.Group)).ToDictionary(g => g.Key, g => g.ToList());
        for (var g = 0; g < groups.Length; g++)
        {
            var respondents = byGroup.GetValueOrDefault(g) ?? [];
            var rows = new double[respondents.Count * leafCount * 2];
            for (var r = 0; r < respondents.Count; r++)
            {
                for (var l = 0; l < leafCount; l++)
                {
                    foreach (var use in design.Uses[l])
                    {
                        if (use.Group == g && SurveyDesign.Value(design.Leaves[l].Method, design.Questions[use.Question], respondents[r].Answers[use.Question]) is { } value)
                        {
                            rows[(((r * leafCount) + l) * 2) + 0] += (double)(use.Weight * value);
                            rows[(((r * leafCount) + l) * 2) + 1] += (double)use.Weight;
                        }
                    }
                }
            }

            groups[g] = new GroupSample(respondents.Count, rows);
        }

        var maxima = design.Leaves.Select(l => (double)unit.SurveyMaxima.GetValueOrDefault(l.LeafCode)).ToArray();
        var groupWeights = design.Leaves.Select(l => design.Groups.Select(g => (double)l.GroupWeight(g)).ToArray()).ToArray();
        return new CompiledUnit(groups, leafCount, maxima, groupWeights, (double)unit.FixedPoints, (double)unit.ApplicableMaximum);
    }

    private sealed record GroupSample(int Count, double[] Rows);

    private sealed record CompiledUnit(GroupSample[] Groups, int LeafCount, double[] Maxima, double[][] GroupWeights, double FixedPoints, double Maximum)
    {
        /// <summary>One replicate's index; <paramref name="sums"/> is scratch space (groups × leaves × 2).</summary>
        public double Replicate(ref SplitMix64 random, double[] sums)
        {
            Array.Clear(sums);
            var stride = LeafCount * 2;
            for (var g = 0; g < Groups.Length; g++)
            {
                var sample = Groups[g];
                var target = g * stride;
                for (var i = 0; i < sample.Count; i++)
                {
                    var row = random.NextInt(sample.Count) * stride;
                    for (var j = 0; j < stride; j++)
                    {
                        sums[target + j] += sample.Rows[row + j];
                    }
                }
            }

            var total = FixedPoints;
            for (var l = 0; l < LeafCount; l++)
            {
                double weighted = 0, weights = 0;
                for (var g = 0; g < Groups.Length; g++)
                {
                    var at = (g * stride) + (l * 2);
                    if (sums[at + 1] > 0)
                    {
                        weighted += GroupWeights[l][g] * (sums[at] / sums[at + 1]);
                        weights += GroupWeights[l][g];
                    }
                }

                if (weights > 0)
                {
                    total += Maxima[l] * weighted / weights;
                }
            }

            return Math.Clamp(total, 0, Maximum) * 100 / Maximum;
        }
    }
}
