using ParIndex.Scoring;

namespace ParIndex.Core.Frameworks;

/// <summary>
/// One node of a framework as the editor and the .xlsx file see it (no ids): its code, its parent's
/// code, name, maximum, component, rule kind and JSON parameters, and whether evidence is required.
/// The order of rows is the order of siblings.
/// </summary>
public sealed record FrameworkRowData(string Code, string? Parent, string Name, decimal? MaxPoints, Component? Component, string? RuleKind,
    string? RuleParameters, bool EvidenceRequired)
{
    /// <summary>A short, stable description for the audit trail.</summary>
    public string Describe() =>
        $"{Code} '{Name}' parent={Parent ?? "-"} max={MaxPoints?.ToString("0.############", System.Globalization.CultureInfo.InvariantCulture) ?? "-"} " +
        $"{Component?.ToString() ?? "-"} {RuleKind ?? "-"} {RuleParameters ?? ""}{(EvidenceRequired ? " evidence" : "")}".TrimEnd();
}
