using Npgsql;
using NpgsqlTypes;
using ParIndex.Scoring;
using ParIndex.Scoring.Rules;

namespace ParIndex.Benchmarks;

/// <summary>
/// National scale: 34 provinces, each with a department bloc (~14) and a commune bloc (3,321 communes
/// in all), plus the ministries: 4,000 units, a 100-leaf framework with every rule type. Deterministic.
/// </summary>
internal sealed class NationalData
{
    public const int Units = 4_000;
    public const int Provinces = 34;
    public const int Communes = 3_321;

    public NationalData(int seed = 2026)
    {
        Framework = CreateFramework();
        var random = new Random(seed);
        Inputs = new LeafInput[Units][];
        Blocs = new int[Units];
        Keys = new string[Units];
        for (var u = 0; u < Units; u++)
        {
            Inputs[u] = RandomInputs(random, Framework);
            Keys[u] = $"U{u:0000}";
            // Communes first (spread over the provinces), then departments, then ministries (one bloc).
            Blocs[u] = u < Communes ? u % Provinces : u < Units - 22 ? Provinces + (u % Provinces) : 2 * Provinces;
        }

        BlocCount = (2 * Provinces) + 1;
    }

    public Framework Framework { get; }

    public LeafInput[][] Inputs { get; }

    public int[] Blocs { get; }

    public string[] Keys { get; }

    public int BlocCount { get; }

    /// <summary>
    /// Stores the generated inputs of the first <paramref name="unitIds"/>.Length units as the year's leaf
    /// scores with one binary COPY (<paramref name="leafIds"/>: the stored node of each leaf, in leaf order).
    /// </summary>
    public async Task CopyLeafScoresAsync(NpgsqlConnection connection, int yearId, IReadOnlyList<int> unitIds, int[] leafIds)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(unitIds);
        ArgumentNullException.ThrowIfNull(leafIds);
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY leaf_scores (assessment_year_id, unit_id, node_id, kind, first, second) FROM STDIN (FORMAT BINARY)");
        for (var u = 0; u < unitIds.Count; u++)
        {
            for (var leaf = 0; leaf < leafIds.Length; leaf++)
            {
                var input = Inputs[u][leaf];
                writer.StartRow();
                writer.Write(yearId, NpgsqlDbType.Integer);
                writer.Write(unitIds[u], NpgsqlDbType.Integer);
                writer.Write(leafIds[leaf], NpgsqlDbType.Integer);
                writer.Write((short)input.Kind, NpgsqlDbType.Smallint);
                writer.Write(input.First, NpgsqlDbType.Numeric);
                writer.Write(input.Second, NpgsqlDbType.Numeric);
            }
        }

        await writer.CompleteAsync();
    }

    private static Framework CreateFramework()
    {
        var rows = new List<NodeDefinition>();
        var leaf = 0;
        for (var a = 1; a <= 8; a++)
        {
            rows.Add(new NodeDefinition($"{a}", null, $"Area {a}"));
            for (var c = 1; c <= 4; c++)
            {
                rows.Add(new NodeDefinition($"{a}.{c}", $"{a}", $"Criterion {a}.{c}"));
                var leaves = (a * 4) + c <= 8 ? 4 : 3; // 4 criteria × 4 leaves + 28 × 3 = 100
                for (var s = 1; s <= leaves; s++, leaf++)
                {
                    ScoringRule rule = (leaf % 6) switch
                    {
                        0 => new ManualRule(0.25m),
                        1 => YesNoRule.Instance,
                        2 => new TieredRule([new Tier("full", 1m), new Tier("half", 0.5m), new Tier("none", 0m)]),
                        3 => new RateRule(1m, 0.5m),
                        4 => new DeductionRule(0.25m),
                        _ => leaf % 12 == 5 ? new BonusPenaltyRule(1m) : new ManualRule(0.01m),
                    };
                    var component = leaf % 3 == 2 ? Component.Survey : Component.Appraisal;
                    rows.Add(new NodeDefinition($"{a}.{c}.{s}", $"{a}.{c}", $"Leaf {leaf}", 1m, component, rule));
                }
            }
        }

        return Framework.Create("national-bench", rows);
    }

    private static LeafInput[] RandomInputs(Random random, Framework framework)
    {
        var inputs = framework.NewInputs();
        for (var i = 0; i < inputs.Length; i++)
        {
            var rule = framework.Leaves[i].Rule!;
            if (rule.CountsTowardMaximum && random.Next(25) == 0)
            {
                inputs[i] = LeafInput.NotApplicable;
                continue;
            }

            var denominator = random.Next(10, 500);
            inputs[i] = rule switch
            {
                ManualRule m => LeafInput.Points(Math.Floor(random.Next(0, 101) / 100m / m.Step) * m.Step),
                YesNoRule => LeafInput.YesNo(random.Next(4) > 0),
                TieredRule => LeafInput.Tier(random.Next(3)),
                RateRule => LeafInput.Rate(random.Next(denominator / 2, denominator + 1), denominator),
                DeductionRule => LeafInput.Count(random.Next(0, 5)),
                _ => LeafInput.BonusPenalty(random.Next(0, 2), 0m),
            };
        }

        return inputs;
    }
}
