namespace ParIndex.Core.Audit;

/// <summary>The subjects of <see cref="AuditEntry"/>: what kind of thing changed.</summary>
public static class AuditSubjects
{
    public const string SelfScore = "self-score";
    public const string SelfNote = "self-note";
    public const string FirstRound = "appraisal-1";
    public const string Flag = "flag";
    public const string Response = "response";
    public const string SecondRound = "appraisal-2";
    public const string Evidence = "evidence";
    public const string Status = "status";
    public const string Deadline = "deadline";
    public const string Calendar = "calendar";
    public const string Framework = "framework";
    public const string Account = "account";
    public const string Assignment = "assignment";
    public const string Year = "year";
    public const string Unit = "unit";
    public const string Survey = "survey";
    public const string SurveyPoints = "survey-points";
    public const string Publication = "publication";
    public const string Awards = "awards";
    public const string FinalScore = "final-score";
}
