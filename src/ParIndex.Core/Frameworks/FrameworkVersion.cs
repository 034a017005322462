namespace ParIndex.Core.Frameworks;

/// <summary>A stored framework version of an assessment year (the engine's <see cref="Scoring.Framework"/> as rows).</summary>
public sealed class FrameworkVersion
{
    public int Id { get; set; }

    public int AssessmentYearId { get; set; }

    public required string Version { get; set; }

    public required string Name { get; set; }

    public List<FrameworkNodeRow> Nodes { get; set; } = [];
}
