using ParIndex.Scoring.Rules;

namespace ParIndex.Scoring;

/// <summary>
/// One row of a framework as it is written down (and imported from a spreadsheet): a node, its
/// parent and, for a leaf, its maximum, component and rule. <see cref="Framework.Create"/> turns a
/// list of rows into a checked tree.
/// </summary>
/// <param name="Code">The node's code, unique in the framework (e.g. <c>3.2.1</c>).</param>
/// <param name="ParentCode">The parent's code, or null for an area.</param>
/// <param name="Name">The node's name as published.</param>
/// <param name="MaxPoints">A leaf's maximum (&gt; 0; ≥ 0 for bonus/penalty); for an inner node null, or the sum of its children's maxima as a check.</param>
/// <param name="Component">A leaf's component; null for an inner node.</param>
/// <param name="Rule">A leaf's scoring rule; null for an inner node.</param>
public sealed record NodeDefinition(
    string Code,
    string? ParentCode,
    string Name,
    decimal? MaxPoints = null,
    Component? Component = null,
    ScoringRule? Rule = null);
