using ParIndex.Core.Assessments;

namespace ParIndex.Core.Evidence;

/// <summary>A document of the unit's library linked to one leaf entry.</summary>
public sealed class LeafEvidence
{
    public long LeafEntryId { get; set; }

    public LeafEntry? LeafEntry { get; set; }

    public int EvidenceFileId { get; set; }

    public EvidenceFile? EvidenceFile { get; set; }

    public EvidenceStage Stage { get; set; }

    public DateTimeOffset LinkedAt { get; set; }
}
