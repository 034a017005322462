namespace ParIndex.Core.Results;

/// <summary>
/// A unit's headline numbers for a year: computed by the engine from leaf scores, or imported from a
/// published table. Total and index are not stored: they are derived by the engine when read.
/// </summary>
public sealed class UnitResultRow
{
    public int Id { get; set; }

    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public Units.Unit? Unit { get; set; }

    public decimal Appraisal { get; set; }

    public decimal Survey { get; set; }

    public decimal BonusPenalty { get; set; }

    public decimal ApplicableMaximum { get; set; }

    public decimal? AppraisalMaximum { get; set; }

    public decimal? SurveyMaximum { get; set; }

    public ResultSource Source { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
