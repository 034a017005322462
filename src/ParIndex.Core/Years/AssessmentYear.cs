namespace ParIndex.Core.Years;

/// <summary>One yearly assessment (e.g. the 2025 PAR Index, assessed early 2026).</summary>
public sealed class AssessmentYear
{
    public int Id { get; set; }

    /// <summary>The year assessed.</summary>
    public int Year { get; set; }

    public required string Title { get; set; }

    /// <summary>Seeded demo data, labelled as such in the UI.</summary>
    public bool IsDemo { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public List<IndexClassRow> Classes { get; set; } = [];
}
