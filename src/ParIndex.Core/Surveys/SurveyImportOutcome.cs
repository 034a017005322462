using ParIndex.Core.Results;

namespace ParIndex.Core.Surveys;

/// <summary>
/// The outcome of a response import: either every problem found (up to <see cref="SurveyImportService.MaxListedErrors"/>
/// listed, <see cref="TotalErrors"/> in all) and nothing stored, or what was added.
/// </summary>
/// <param name="Errors">The problems, each with its line and column.</param>
/// <param name="TotalErrors">How many problems in all (more than listed on a badly broken file).</param>
/// <param name="Added">Respondents added.</param>
/// <param name="AlreadyPresent">Rows skipped because the same respondent was already stored with the same answers.</param>
/// <param name="PreviousImport">When this exact file (same SHA-256) was imported before: then nothing is added.</param>
/// <param name="Scoring">The survey scoring run that followed, if any.</param>
public sealed record SurveyImportOutcome(IReadOnlyList<ImportError> Errors, int TotalErrors, int Added, int AlreadyPresent,
    SurveyImport? PreviousImport, SurveyScoringReport? Scoring)
{
    public bool Succeeded => TotalErrors == 0;

    internal static SurveyImportOutcome Refused(List<ImportError> errors, int total) => new(errors, total, 0, 0, null, null);
}
