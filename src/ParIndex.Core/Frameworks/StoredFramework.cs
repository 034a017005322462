using ParIndex.Scoring;

namespace ParIndex.Core.Frameworks;

/// <summary>A stored framework version turned into the engine's tree, with the map from node ids to leaves.</summary>
public sealed class StoredFramework
{
    private readonly Dictionary<int, int> _leafIndexByNodeId;
    private (string[], string[], decimal[])? _areaColumns;

    private StoredFramework(Framework framework, Dictionary<int, int> leafIndexByNodeId)
    {
        Framework = framework;
        _leafIndexByNodeId = leafIndexByNodeId;
    }

    public Framework Framework { get; }

    /// <summary>The areas' codes, names and maximum points in framework order: what a result stores beside its totals.</summary>
    public (string[] Codes, string[] Names, decimal[] MaxPoints) AreaColumns => _areaColumns ??= (
        [.. Framework.Areas.Select(a => a.Code)], [.. Framework.Areas.Select(a => a.Name)], [.. Framework.Areas.Select(a => a.MaxPoints)]);

    /// <summary>The engine leaf index of a stored node, or −1 if the node is not a leaf.</summary>
    public int LeafIndexOf(int nodeId) => _leafIndexByNodeId.GetValueOrDefault(nodeId, -1);

    /// <exception cref="FrameworkDefinitionException">The stored rows do not form a valid framework.</exception>
    public static StoredFramework From(FrameworkVersion version, IReadOnlyCollection<FrameworkNodeRow> nodes)
    {
        ArgumentNullException.ThrowIfNull(version);
        var codeById = nodes.ToDictionary(n => n.Id, n => n.Code);
        var definitions = nodes
            .OrderBy(n => n.SortOrder).ThenBy(n => n.Id)
            .Select(n => new NodeDefinition(
                n.Code,
                n.ParentId is { } p ? codeById[p] : null,
                n.Name,
                n.MaxPoints,
                n.Component,
                n.RuleKind is null ? null : RuleCodec.Decode(n.RuleKind, n.RuleParameters)));
        var framework = Framework.Create(version.Version, definitions);
        var leafIndex = nodes
            .Where(n => n.RuleKind is not null)
            .ToDictionary(n => n.Id, n => framework[n.Code].LeafIndex);
        return new StoredFramework(framework, leafIndex);
    }

    /// <summary>The rows to store for an engine framework, parents before children; ids are set by the database.</summary>
    public static FrameworkVersion ToRows(int assessmentYearId, string name, Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var version = new FrameworkVersion { AssessmentYearId = assessmentYearId, Version = framework.Version, Name = name };
        var rows = new Dictionary<FrameworkNode, FrameworkNodeRow>();
        foreach (var node in framework.Nodes)
        {
            var (kind, parameters) = node.Rule is null ? (null, null) : RuleCodec.Encode(node.Rule);
            var row = new FrameworkNodeRow
            {
                Code = node.Code,
                Name = node.Name,
                Parent = node.Parent is null ? null : rows[node.Parent],
                SortOrder = node.Index,
                MaxPoints = node.MaxPoints,
                Component = node.Component,
                RuleKind = kind,
                RuleParameters = parameters,
            };
            rows.Add(node, row);
            version.Nodes.Add(row);
        }

        return version;
    }
}
