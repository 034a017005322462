using ParIndex.Scoring;

namespace ParIndex.Core.Frameworks;

/// <summary>A stored framework node; leaves carry the rule as a kind and JSON parameters.</summary>
public sealed class FrameworkNodeRow
{
    public int Id { get; set; }

    public int FrameworkId { get; set; }

    public int? ParentId { get; set; }

    public FrameworkNodeRow? Parent { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The position among its siblings.</summary>
    public int SortOrder { get; set; }

    public decimal? MaxPoints { get; set; }

    public Component? Component { get; set; }

    /// <summary>The rule's kind (<see cref="RuleCodec"/>); null for an inner node.</summary>
    public string? RuleKind { get; set; }

    /// <summary>The rule's parameters as JSON (jsonb).</summary>
    public string? RuleParameters { get; set; }

    /// <summary>
    /// A leaf scored above zero must carry evidence, or else an explanation, before the unit can submit.
    /// </summary>
    public bool EvidenceRequired { get; set; }
}
