using ParIndex.Scoring.Rules;

namespace ParIndex.Scoring;

/// <summary>
/// A node of a <see cref="Framework"/>: an area, a criterion, a sub-criterion or an item. A node
/// without children is a leaf and carries a maximum, a component and a rule.
/// </summary>
public sealed class FrameworkNode
{
    private readonly List<FrameworkNode> _children = [];

    internal FrameworkNode(int index, string code, string name, NodeLevel level, FrameworkNode? parent)
    {
        Index = index;
        Code = code;
        Name = name;
        Level = level;
        Parent = parent;
    }

    /// <summary>The node's position in <see cref="Framework.Nodes"/> (pre-order).</summary>
    public int Index { get; }

    /// <summary>The node's code, e.g. <c>3.2.1</c>.</summary>
    public string Code { get; }

    /// <summary>The node's name as published.</summary>
    public string Name { get; }

    /// <summary>The node's depth.</summary>
    public NodeLevel Level { get; }

    /// <summary>The parent node, or null for an area.</summary>
    public FrameworkNode? Parent { get; }

    /// <summary>The children in their published order; empty for a leaf.</summary>
    public IReadOnlyList<FrameworkNode> Children => _children;

    /// <summary>Whether this node is a leaf (it has a rule and no children).</summary>
    public bool IsLeaf => Rule is not null;

    /// <summary>A leaf's position in <see cref="Framework.Leaves"/>; −1 for an inner node.</summary>
    public int LeafIndex { get; internal set; } = -1;

    /// <summary>
    /// A leaf's maximum (for bonus/penalty, the bonus cap); for an inner node the sum of the maxima
    /// of the leaves below it that count towards the 100.
    /// </summary>
    public decimal MaxPoints { get; internal set; }

    /// <summary>A leaf's component; null for an inner node.</summary>
    public Component? Component { get; internal set; }

    /// <summary>A leaf's scoring rule; null for an inner node.</summary>
    public ScoringRule? Rule { get; internal set; }

    internal void AddChild(FrameworkNode child) => _children.Add(child);

    /// <inheritdoc />
    public override string ToString() => $"{Code} {Name}";
}
