namespace ParIndex.Scoring;

/// <summary>
/// One unit's scored framework: the points of every leaf, the totals and sub-indices of every area,
/// criterion and sub-criterion, and the unit's <see cref="IndexResult"/>. Immutable.
/// </summary>
public sealed class UnitResult
{
    private readonly LeafInput[] _inputs;
    private readonly decimal[] _points;
    private Framework.NodeAccumulator[]? _totals;

    internal UnitResult(Framework framework, LeafInput[] inputs, decimal[] points, IndexResult index)
    {
        Framework = framework;
        _inputs = inputs;
        _points = points;
        Index = index;
    }

    /// <summary>The framework the unit was scored against.</summary>
    public Framework Framework { get; }

    /// <summary>The unit's totals and index.</summary>
    public IndexResult Index { get; }

    /// <summary>The inputs that were scored, in <see cref="Framework.Leaves"/> order.</summary>
    public IReadOnlyList<LeafInput> Inputs => _inputs;

    /// <summary>The outcome of a node (a leaf gives its own points; an inner node the sum below it).</summary>
    /// <exception cref="ArgumentException">The node belongs to another framework.</exception>
    public NodeResult this[FrameworkNode node]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(node);
            if (node.Index >= Framework.Nodes.Count || !ReferenceEquals(Framework.Nodes[node.Index], node))
            {
                throw new ArgumentException($"Node {node.Code} is not part of framework {Framework.Version}.", nameof(node));
            }

            // Rolled up on first use; a race computes the same array twice, harmlessly.
            var totals = LazyInitializer.EnsureInitialized(ref _totals, () => Framework.RollUp(_inputs, _points));
            var t = totals[node.Index];
            return new NodeResult(t.Achieved, t.Maximum, t.BonusPenalty);
        }
    }

    /// <summary>
    /// The outcome of each of the framework's areas, in <see cref="Framework.Areas"/> order: the same
    /// totals as <c>this[area]</c>, summed in the same order, without keeping every node's totals
    /// (a year's recompute asks only for the areas of thousands of units).
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than the number of areas.</exception>
    public void CopyAreasTo(Span<NodeResult> destination)
    {
        var areas = Framework.Areas;
        if (destination.Length < areas.Count)
        {
            throw new ArgumentException($"Framework {Framework.Version} has {areas.Count} areas; the destination holds {destination.Length}.", nameof(destination));
        }

        if (Volatile.Read(ref _totals) is { } kept)
        {
            Copy(areas, kept, destination);
            return;
        }

        var rented = System.Buffers.ArrayPool<Framework.NodeAccumulator>.Shared.Rent(Framework.Nodes.Count);
        try
        {
            var totals = rented.AsSpan(0, Framework.Nodes.Count);
            totals.Clear();
            Framework.RollUp(_inputs, _points, totals);
            Copy(areas, totals, destination);
        }
        finally
        {
            System.Buffers.ArrayPool<Framework.NodeAccumulator>.Shared.Return(rented);
        }

        static void Copy(IReadOnlyList<FrameworkNode> areas, ReadOnlySpan<Framework.NodeAccumulator> totals, Span<NodeResult> destination)
        {
            for (var a = 0; a < areas.Count; a++)
            {
                var t = totals[areas[a].Index];
                destination[a] = new NodeResult(t.Achieved, t.Maximum, t.BonusPenalty);
            }
        }
    }

    /// <summary>The outcome of the node with this code.</summary>
    public NodeResult this[string code] => this[Framework[code]];

    /// <summary>A leaf's points: its achieved points, or its net bonus/penalty for a bonus/penalty leaf.</summary>
    public decimal PointsOf(FrameworkNode leaf)
    {
        var result = this[leaf];
        return result.Achieved + result.BonusPenalty;
    }

    /// <summary>Whether the leaf was marked not applicable for this unit.</summary>
    public bool IsNotApplicable(FrameworkNode leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return leaf.IsLeaf && _inputs[leaf.LeafIndex].Kind == LeafInputKind.NotApplicable;
    }
}
