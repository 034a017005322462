using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Surveys;

/// <summary>
/// A question of a group's questionnaire, mapped to one survey leaf (by code) with a weight. Its
/// <see cref="Position"/> is stable for the year: every respondent's answers array is indexed by it.
/// </summary>
public sealed class SurveyQuestionRow
{
    public int Id { get; set; }

    public int AssessmentYearId { get; set; }

    public int GroupId { get; set; }

    public SurveyGroup? Group { get; set; }

    public int Position { get; set; }

    public required string Code { get; set; }

    public required string Text { get; set; }

    public QuestionKind Kind { get; set; }

    /// <summary>Scale: first point; yes/no and choice: 0.</summary>
    public short Lowest { get; set; }

    /// <summary>Scale: last point; yes/no: 1; choice: last option's index.</summary>
    public short Highest { get; set; }

    public decimal PositiveFrom { get; set; }

    /// <summary>Scale: a label per point (may be empty); choice: each option's text.</summary>
    public string[] Labels { get; set; } = [];

    /// <summary>Choice: each option's points.</summary>
    public decimal[] OptionPoints { get; set; } = [];

    /// <summary>Whether the form offers "don't know" (stored as no answer, never zero).</summary>
    public bool AllowsDontKnow { get; set; }

    public required string LeafCode { get; set; }

    public decimal Weight { get; set; } = 1m;

    /// <summary>The engine's question.</summary>
    public SurveyQuestion ToQuestion() => Kind switch
    {
        QuestionKind.Scale => SurveyQuestion.Scale(Code, Lowest, Highest, (int)PositiveFrom),
        QuestionKind.YesNo => SurveyQuestion.YesNo(Code),
        _ => SurveyQuestion.Choice(Code, OptionPoints, PositiveFrom),
    };
}
