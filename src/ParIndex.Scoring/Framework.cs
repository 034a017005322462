using System.Globalization;

namespace ParIndex.Scoring;

/// <summary>
/// A versioned framework (khung chỉ số): a tree of areas → criteria → sub-criteria (→ items) whose
/// leaves carry the points. Immutable once created; safe to share between threads.
/// </summary>
/// <remarks>
/// The leaves that count towards the maximum normally sum to 100; bonus/penalty leaves lie outside
/// it. The engine does not insist on 100 (a host checks that before a year opens).
/// </remarks>
public sealed class Framework
{
    /// <summary>The deepest level a framework may have.</summary>
    public const int MaxDepth = 4;

    private readonly Dictionary<string, FrameworkNode> _byCode;
    private readonly FrameworkNode[] _leaves;

    // For each node (pre-order), its parent's index or −1: totals roll up from last to first.
    private readonly int[] _parents;

    private Framework(string version, List<FrameworkNode> nodes, Dictionary<string, FrameworkNode> byCode)
    {
        Version = version;
        Nodes = nodes;
        _byCode = byCode;
        _leaves = [.. nodes.Where(n => n.IsLeaf)];
        for (var i = 0; i < _leaves.Length; i++)
        {
            _leaves[i].LeafIndex = i;
        }

        _parents = [.. nodes.Select(n => n.Parent?.Index ?? -1)];

        Areas = [.. nodes.Where(n => n.Parent is null)];
        AppraisalMaximum = CountedMaximum(Scoring.Component.Appraisal);
        SurveyMaximum = CountedMaximum(Scoring.Component.Survey);
    }

    /// <summary>The version label, e.g. <c>2026-provincial-v1</c>.</summary>
    public string Version { get; }

    /// <summary>Every node in pre-order (an area, then its criteria and their sub-criteria, then the next area).</summary>
    public IReadOnlyList<FrameworkNode> Nodes { get; }

    /// <summary>The top-level areas in order.</summary>
    public IReadOnlyList<FrameworkNode> Areas { get; }

    /// <summary>The leaves in pre-order; a unit's inputs are given in this order.</summary>
    public IReadOnlyList<FrameworkNode> Leaves => _leaves;

    /// <summary>The maximum of the appraisal leaves that count towards the 100.</summary>
    public decimal AppraisalMaximum { get; }

    /// <summary>The maximum of the survey leaves that count towards the 100.</summary>
    public decimal SurveyMaximum { get; }

    /// <summary>The framework's maximum when every leaf applies (normally 100); bonus/penalty excluded.</summary>
    public decimal MaximumPoints => AppraisalMaximum + SurveyMaximum;

    /// <summary>Builds and checks a framework from its rows, in the order given (children keep that order).</summary>
    /// <exception cref="FrameworkDefinitionException">Listing every problem: duplicate or empty codes, unknown
    /// parents, cycles, too deep a tree, a leaf without a rule, maximum or component, an inner node with a rule,
    /// a maximum that does not match its children, or a rule that does not fit its leaf.</exception>
    public static Framework Create(string version, IEnumerable<NodeDefinition> definitions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        ArgumentNullException.ThrowIfNull(definitions);
        var rows = definitions.ToList();
        var problems = new List<string>();
        var rowByCode = new Dictionary<string, NodeDefinition>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (string.IsNullOrWhiteSpace(row.Code))
            {
                problems.Add($"a node named '{row.Name}' has no code");
            }
            else if (!rowByCode.TryAdd(row.Code, row))
            {
                problems.Add($"{row.Code}: the code is used twice");
            }

            if (string.IsNullOrWhiteSpace(row.Name))
            {
                problems.Add($"{row.Code}: the node has no name");
            }
        }

        var childrenOf = rows
            .Where(r => !string.IsNullOrWhiteSpace(r.ParentCode))
            .GroupBy(r => r.ParentCode!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        foreach (var row in rows.Where(r => !string.IsNullOrWhiteSpace(r.ParentCode) && !rowByCode.ContainsKey(r.ParentCode!)))
        {
            problems.Add($"{row.Code}: the parent '{row.ParentCode}' does not exist");
        }

        if (rows.Count == 0)
        {
            problems.Add("the framework has no nodes");
        }

        var nodes = new List<FrameworkNode>(rows.Count);
        var byCode = new Dictionary<string, FrameworkNode>(StringComparer.Ordinal);
        foreach (var root in rows.Where(r => string.IsNullOrWhiteSpace(r.ParentCode)))
        {
            Build(root, null, 1);
        }

        foreach (var row in rows.Where(r => !string.IsNullOrWhiteSpace(r.Code) && !byCode.ContainsKey(r.Code)
            && (string.IsNullOrWhiteSpace(r.ParentCode) || rowByCode.ContainsKey(r.ParentCode!))))
        {
            problems.Add($"{row.Code}: the node is part of a cycle or sits below one");
        }

        if (problems.Count > 0)
        {
            throw new FrameworkDefinitionException(problems);
        }

        return new Framework(version, nodes, byCode);

        decimal Build(NodeDefinition row, FrameworkNode? parent, int depth)
        {
            if (depth > MaxDepth)
            {
                problems.Add($"{row.Code}: the tree is deeper than {MaxDepth} levels");
                return 0m;
            }

            if (byCode.ContainsKey(row.Code))
            {
                return 0m;
            }

            var node = new FrameworkNode(nodes.Count, row.Code, row.Name, (NodeLevel)depth, parent);
            nodes.Add(node);
            byCode.Add(row.Code, node);
            parent?.AddChild(node);
            if (childrenOf.TryGetValue(row.Code, out var children))
            {
                if (row.Rule is not null || row.Component is not null)
                {
                    problems.Add($"{row.Code}: a node with children cannot have a rule or a component");
                }

                var sum = 0m;
                foreach (var child in children)
                {
                    sum += Build(child, node, depth + 1);
                }

                node.MaxPoints = sum;
                if (row.MaxPoints is { } declared && declared != sum)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{row.Code}: the maximum {declared} does not equal the sum of its children, {sum}"));
                }

                return sum;
            }

            CheckLeaf(row, node);
            return node.Rule is { CountsTowardMaximum: true } ? node.MaxPoints : 0m;
        }

        void CheckLeaf(NodeDefinition row, FrameworkNode node)
        {
            if (row.Rule is null)
            {
                problems.Add($"{row.Code}: a leaf needs a scoring rule");
                return;
            }

            if (row.Component is null)
            {
                problems.Add($"{row.Code}: a leaf needs a component (appraisal or survey)");
            }

            var max = row.MaxPoints ?? -1m;
            if (max < 0m || (max == 0m && row.Rule.CountsTowardMaximum))
            {
                problems.Add($"{row.Code}: a leaf needs a maximum greater than zero");
            }
            else
            {
                problems.AddRange(row.Rule.DefinitionProblems(max).Select(p => $"{row.Code}: {p}"));
            }

            node.MaxPoints = Math.Max(0m, max);
            node.Component = row.Component;
            node.Rule = row.Rule;
        }
    }

    /// <summary>The node with this code.</summary>
    /// <exception cref="KeyNotFoundException">No node has the code.</exception>
    public FrameworkNode this[string code] => _byCode[code];

    /// <summary>Finds the node with this code.</summary>
    public bool TryFind(string code, out FrameworkNode node) => _byCode.TryGetValue(code, out node!);

    /// <summary>A fresh input array for one unit, every leaf <see cref="LeafInput.Missing"/>, in <see cref="Leaves"/> order.</summary>
    public LeafInput[] NewInputs() => new LeafInput[_leaves.Length];

    /// <summary>Every input that its leaf's rule refuses; empty when the unit can be scored.</summary>
    /// <exception cref="ArgumentException">The number of inputs is not the number of leaves.</exception>
    public IReadOnlyList<LeafInputError> Check(IReadOnlyList<LeafInput> inputs)
    {
        TryScore(inputs, out var errors);
        return errors;
    }

    /// <summary>Scores one unit as <see cref="Score"/> does, or gives every refused input instead of throwing.</summary>
    /// <returns>The result, or null when <paramref name="errors"/> is not empty.</returns>
    /// <exception cref="ArgumentException">The number of inputs is not the number of leaves.</exception>
    public UnitResult? TryScore(IReadOnlyList<LeafInput> inputs, out IReadOnlyList<LeafInputError> errors)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        EnsureCount(inputs);

        // One pass over the leaves checks and scores each input; node totals are rolled up only when
        // first asked for (UnitResult), since a recompute of the country needs only the index.
        var points = new decimal[_leaves.Length];
        LeafInput[] copy = inputs is LeafInput[] array ? (LeafInput[])array.Clone() : [.. inputs];
        List<LeafInputError>? refused = null;
        decimal appraisal = 0m, appraisalMax = 0m, survey = 0m, surveyMax = 0m, bonusPenalty = 0m;
        for (var i = 0; i < _leaves.Length; i++)
        {
            ref readonly var input = ref copy[i];
            var leaf = _leaves[i];
            var rule = leaf.Rule!;
            var max = leaf.MaxPoints;
            var problem = rule.Check(max, input);
            if (problem != InputProblem.None)
            {
                (refused ??= []).Add(new LeafInputError(leaf, input, problem));
                continue;
            }

            if (input.Kind is LeafInputKind.NotApplicable or LeafInputKind.Missing)
            {
                if (input.Kind == LeafInputKind.Missing)
                {
                    AddMaximum(leaf, ref appraisalMax, ref surveyMax);
                }

                continue;
            }

            var earned = points[i] = rule.EvaluateValid(max, input);
            if (!rule.CountsTowardMaximum)
            {
                bonusPenalty += earned;
            }
            else if (leaf.Component == Scoring.Component.Survey)
            {
                survey += earned;
                surveyMax += max;
            }
            else
            {
                appraisal += earned;
                appraisalMax += max;
            }
        }

        if (refused is null && appraisalMax + surveyMax == 0m)
        {
            refused = [new LeafInputError(null, LeafInput.NotApplicable, InputProblem.CannotBeNotApplicable)];
        }

        if (refused is not null)
        {
            errors = refused;
            return null;
        }

        errors = [];
        var index = IndexResult.Create(appraisal, survey, appraisalMax + surveyMax, bonusPenalty, appraisalMax, surveyMax);
        return new UnitResult(this, copy, points, index);
    }

    /// <summary>
    /// Scores one unit: leaf points, node totals and sub-indices, component totals, total and index.
    /// Pure and deterministic; nothing is rounded. Proportional rules give points with 28 significant
    /// digits, so a sum taken in another order (areas rather than leaves) may differ in the last digit,
    /// about 10^-27 — never visible at the two published decimals.
    /// </summary>
    /// <param name="inputs">One input per leaf, in <see cref="Leaves"/> order. The array is copied.</param>
    /// <exception cref="InvalidLeafInputException">Some inputs fail their rules (see <see cref="Check"/>),
    /// or every leaf is not applicable.</exception>
    public UnitResult Score(IReadOnlyList<LeafInput> inputs) =>
        TryScore(inputs, out var errors) ?? throw new InvalidLeafInputException(errors);

    /// <summary>Node totals from leaf points: each leaf into its own node, then children into parents (pre-order reversed).</summary>
    internal NodeAccumulator[] RollUp(LeafInput[] inputs, decimal[] points)
    {
        var totals = new NodeAccumulator[_parents.Length];
        RollUp(inputs, points, totals);
        return totals;
    }

    /// <summary>The same, into <paramref name="totals"/> (one per node, cleared by the caller).</summary>
    internal void RollUp(ReadOnlySpan<LeafInput> inputs, ReadOnlySpan<decimal> points, Span<NodeAccumulator> totals)
    {
        for (var i = 0; i < _leaves.Length; i++)
        {
            var leaf = _leaves[i];
            ref var own = ref totals[leaf.Index];
            if (!leaf.Rule!.CountsTowardMaximum)
            {
                own.BonusPenalty = points[i];
            }
            else if (inputs[i].Kind != LeafInputKind.NotApplicable)
            {
                own.Achieved = points[i];
                own.Maximum = leaf.MaxPoints;
            }
        }

        for (var n = totals.Length - 1; n > 0; n--)
        {
            var parent = _parents[n];
            if (parent >= 0)
            {
                ref var up = ref totals[parent];
                up.Achieved += totals[n].Achieved;
                up.Maximum += totals[n].Maximum;
                up.BonusPenalty += totals[n].BonusPenalty;
            }
        }
    }

    private static void AddMaximum(FrameworkNode leaf, ref decimal appraisalMax, ref decimal surveyMax)
    {
        if (!leaf.Rule!.CountsTowardMaximum)
        {
            return;
        }

        if (leaf.Component == Scoring.Component.Survey)
        {
            surveyMax += leaf.MaxPoints;
        }
        else
        {
            appraisalMax += leaf.MaxPoints;
        }
    }

    private void EnsureCount(IReadOnlyList<LeafInput> inputs)
    {
        if (inputs.Count != _leaves.Length)
        {
            throw new ArgumentException(
                $"Framework {Version} has {_leaves.Length} leaves but {inputs.Count} inputs were given.", nameof(inputs));
        }
    }

    private decimal CountedMaximum(Component component) =>
        _leaves.Where(l => l.Component == component && l.Rule!.CountsTowardMaximum).Sum(l => l.MaxPoints);

    internal struct NodeAccumulator
    {
        public decimal Achieved;
        public decimal Maximum;
        public decimal BonusPenalty;
    }
}
