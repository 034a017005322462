namespace ParIndex.Core.Publishing;

/// <summary>Where a version of a year's results stands.</summary>
public enum PublicationStatus
{
    /// <summary>Proposed by the council secretary; the year's results are locked while it waits.</summary>
    Proposed = 1,

    /// <summary>Approved and published by an administrator under a decision; never changes again.</summary>
    Published = 2,

    /// <summary>Sent back by an administrator with a reason; the year unlocks.</summary>
    Rejected = 3,
}

/// <summary>
/// One version of a year's results: the snapshot taken when the secretary proposed it, and the
/// administrator's decision. Versions after the first are corrections and carry their reason.
/// </summary>
public sealed class Publication
{
    public int Id { get; set; }

    public int AssessmentYearId { get; set; }

    public int Version { get; set; }

    public PublicationStatus Status { get; set; }

    public int ProposedBy { get; set; }

    public DateTimeOffset ProposedAt { get; set; }

    public string Note { get; set; } = "";

    /// <summary>Why this version corrects the one before (null for version 1).</summary>
    public string? CorrectionReason { get; set; }

    public int? DecidedBy { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The decision's number, e.g. "2001/QĐ-UBND".</summary>
    public string? DecisionNumber { get; set; }

    /// <summary>The decision's date (a calendar date in Vietnam).</summary>
    public DateOnly? DecisionDate { get; set; }

    public string? RejectionReason { get; set; }

    /// <summary>The earlier year whose standings the rank changes of this version are against.</summary>
    public int? ComparedWithYear { get; set; }

    /// <summary>When the newest of the results in the snapshot was computed or imported.</summary>
    public DateTimeOffset? ResultsUpdatedAt { get; set; }

    public int? ProgressRankGain { get; set; }

    public decimal? ProgressIndexGain { get; set; }

    public int? AwardTop { get; set; }

    /// <summary>The class scheme as it stood when proposed (JSON array of label and minimum).</summary>
    public string Classes { get; set; } = "[]";

    public List<PublicationUnit> Units { get; set; } = [];

    /// <summary>SHA-256 (hex) of the snapshot's canonical text (<see cref="PublicationSeal"/>), taken when proposed.</summary>
    public string? ContentHash { get; set; }

    /// <summary>The audit chain's place and head hash (hex) right after this version was published: printed with the decision.</summary>
    public long? AuditSequence { get; set; }

    public string? AuditHead { get; set; }
}

/// <summary>A unit in a snapshot: names as published, unrounded parts, and its standing the year before.</summary>
public sealed class PublicationUnit
{
    public int PublicationId { get; set; }

    public int UnitId { get; set; }

    public required string UnitCode { get; set; }

    public required string UnitName { get; set; }

    public required string BlocCode { get; set; }

    public required string BlocName { get; set; }

    public int BlocOrder { get; set; }

    /// <summary>The framework version the unit was scored against (for area links year over year); null for imported results.</summary>
    public int? FrameworkId { get; set; }

    public string? FrameworkName { get; set; }

    public decimal Appraisal { get; set; }

    public decimal Survey { get; set; }

    public decimal BonusPenalty { get; set; }

    public decimal ApplicableMaximum { get; set; }

    public decimal? AppraisalMaximum { get; set; }

    public decimal? SurveyMaximum { get; set; }

    public int? PreviousRank { get; set; }

    public decimal? PreviousIndex { get; set; }

    /// <summary>The names of the earlier units the standing comes from when the unit replaced them (lineage); null for itself.</summary>
    public List<string>? PreviousFrom { get; set; }

    /// <summary>The unit's survey figures (JSON of <see cref="Surveys.UnitSurveyStats"/>), when the year had a survey.</summary>
    public string? SurveyStats { get; set; }
}

/// <summary>A node of a unit's score card in a snapshot, unrounded.</summary>
public sealed class PublicationNode
{
    public int PublicationId { get; set; }

    public int UnitId { get; set; }

    public int Position { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public Scoring.NodeLevel Level { get; set; }

    public bool IsLeaf { get; set; }

    public decimal MaxPoints { get; set; }

    public decimal ApplicableMaximum { get; set; }

    public decimal Achieved { get; set; }

    public decimal BonusPenalty { get; set; }

    public decimal? SubIndex { get; set; }

    public bool NotApplicable { get; set; }

    public Scoring.Component? Component { get; set; }

    public string? Rule { get; set; }

    public Scoring.LeafInputKind? InputKind { get; set; }

    public decimal? InputFirst { get; set; }

    /// <summary>A tiered leaf's chosen level as labelled in the framework then (e.g. "Chậm hạn"); null otherwise.</summary>
    public string? InputLabel { get; set; }

    public decimal? InputSecond { get; set; }
}
