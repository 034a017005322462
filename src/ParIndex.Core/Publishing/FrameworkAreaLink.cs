namespace ParIndex.Core.Publishing;

/// <summary>
/// An area of a framework version compared, year over year, with an area of an earlier version (an
/// area can draw on several earlier ones, e.g. when two were merged). Without links, areas compare
/// by code.
/// </summary>
public sealed class FrameworkAreaLink
{
    public int FrameworkId { get; set; }

    public required string AreaCode { get; set; }

    public int EarlierFrameworkId { get; set; }

    public required string EarlierAreaCode { get; set; }
}
