namespace ParIndex.Core.Evidence;

/// <summary>
/// A document in a unit's evidence library (tài liệu kiểm chứng): uploaded once, linked to any number
/// of leaves, in any year. The bytes are stored outside the web root under their SHA-256.
/// </summary>
public sealed class EvidenceFile
{
    public int Id { get; set; }

    public int UnitId { get; set; }

    public required string FileName { get; set; }

    public required string ContentType { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>Lower-case hex SHA-256 of the content; the stored file's name.</summary>
    public required string Sha256 { get; set; }

    public int UploadedBy { get; set; }

    public DateTimeOffset UploadedAt { get; set; }

    /// <summary>The document's number as issued (e.g. "12/KH-STP").</summary>
    public string? DocumentNumber { get; set; }

    /// <summary>The date the document was issued.</summary>
    public DateOnly? DocumentDate { get; set; }

    /// <summary>Who issued it (e.g. "Sở Tư pháp").</summary>
    public string? Issuer { get; set; }

    /// <summary>What it is about (trích yếu).</summary>
    public string? Summary { get; set; }
}
