namespace ParIndex.Core.Surveys;

/// <summary>A response file imported into a year, known by its SHA-256 so that the same file is never counted twice.</summary>
public sealed class SurveyImport
{
    public int Id { get; set; }

    public int AssessmentYearId { get; set; }

    public required string FileName { get; set; }

    /// <summary>Lower-case hex SHA-256 of the file.</summary>
    public required string Sha256 { get; set; }

    /// <summary>Respondents added by this file.</summary>
    public int Respondents { get; set; }

    /// <summary>Rows whose respondent was already stored with the same answers (skipped).</summary>
    public int AlreadyPresent { get; set; }

    public DateTimeOffset ImportedAt { get; set; }

    public int? ImportedBy { get; set; }
}
