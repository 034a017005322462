using System.Globalization;

namespace ParIndex.Scoring.Surveys;

/// <summary>
/// A question of a questionnaire and how its answers score. An answer is a small whole number: the
/// point on a scale, 1/0 for yes/no, or the option's index for a choice; <see cref="NoAnswer"/> is no
/// answer and <see cref="DontKnow"/> the answer "don't know". Both count as missing in every mean and
/// share (never as zero); they differ only in that "don't know" was given, so the respondent's form
/// counts the question as answered.
/// </summary>
public sealed class SurveyQuestion
{
    /// <summary>No answer (not reached, or left blank): left out of every mean and share.</summary>
    public const short NoAnswer = -1;

    /// <summary>The answer "don't know": given, but left out of every mean and share like no answer.</summary>
    public const short DontKnow = -2;

    private readonly decimal[] _optionPoints;

    private SurveyQuestion(string code, QuestionKind kind, int lowest, int highest, decimal positiveFrom, decimal[] optionPoints)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
        Kind = kind;
        Lowest = lowest;
        Highest = highest;
        PositiveFrom = positiveFrom;
        _optionPoints = optionPoints;
    }

    /// <summary>The question's code, unique in the design (the column header in response files).</summary>
    public string Code { get; }

    /// <summary>Scale, yes/no or choice.</summary>
    public QuestionKind Kind { get; }

    /// <summary>The lowest valid answer (scale: its first point; yes/no and choice: 0).</summary>
    public int Lowest { get; }

    /// <summary>The highest valid answer (scale: its last point; yes/no: 1; choice: the last option's index).</summary>
    public int Highest { get; }

    /// <summary>An answer is positive when its value (scale), or its option's points (choice), is at least this; yes is positive.</summary>
    public decimal PositiveFrom { get; }

    /// <summary>The points of each option of a choice question (empty otherwise).</summary>
    public IReadOnlyList<decimal> OptionPoints => _optionPoints;

    /// <summary>A scale question, e.g. <c>Scale("Q1", 1, 5, positiveFrom: 4)</c>.</summary>
    public static SurveyQuestion Scale(string code, int lowest, int highest, int positiveFrom)
    {
        if (lowest < 0 || highest <= lowest)
        {
            throw new ArgumentOutOfRangeException(nameof(highest), string.Create(CultureInfo.InvariantCulture,
                $"A scale runs from a lowest point ≥ 0 up to a higher highest point; got {lowest}..{highest}."));
        }

        if (positiveFrom <= lowest || positiveFrom > highest)
        {
            throw new ArgumentOutOfRangeException(nameof(positiveFrom), positiveFrom, "The first positive point lies above the lowest point, within the scale.");
        }

        return new SurveyQuestion(code, QuestionKind.Scale, lowest, highest, positiveFrom, []);
    }

    /// <summary>A yes/no question (yes = 1 is positive and scores 1).</summary>
    public static SurveyQuestion YesNo(string code) => new(code, QuestionKind.YesNo, 0, 1, 1m, []);

    /// <summary>A single-choice question; the options' points are ≥ 0 and not all equal.</summary>
    public static SurveyQuestion Choice(string code, IEnumerable<decimal> optionPoints, decimal positiveFrom)
    {
        ArgumentNullException.ThrowIfNull(optionPoints);
        var points = optionPoints.ToArray();
        if (points.Length < 2 || points.Any(p => p < 0m) || points.Min() == points.Max())
        {
            throw new ArgumentException("A choice needs at least two options with points ≥ 0, not all equal.", nameof(optionPoints));
        }

        return new SurveyQuestion(code, QuestionKind.Choice, 0, points.Length - 1, positiveFrom, points);
    }

    /// <summary>Whether <paramref name="answer"/> is an answer to this question (or <see cref="NoAnswer"/> / <see cref="DontKnow"/>).</summary>
    public bool Accepts(short answer) => IsMissing(answer) || (answer >= Lowest && answer <= Highest);

    /// <summary>Whether an answer counts as missing in the scores: no answer or "don't know".</summary>
    public static bool IsMissing(short answer) => answer is NoAnswer or DontKnow;

    /// <summary>Whether the respondent gave an answer, "don't know" included (what a form's progress counts).</summary>
    public static bool IsGiven(short answer) => answer != NoAnswer;

    /// <summary>The answer rescaled to 0..1; null for no answer or "don't know".</summary>
    /// <exception cref="ArgumentOutOfRangeException">The answer is not one of this question's.</exception>
    public decimal? Score(short answer)
    {
        if (IsMissing(answer))
        {
            return null;
        }

        Check(answer);
        if (Kind == QuestionKind.Choice)
        {
            var lowest = _optionPoints.Min();
            return (_optionPoints[answer] - lowest) / (_optionPoints.Max() - lowest);
        }

        return (decimal)(answer - Lowest) / (Highest - Lowest);
    }

    /// <summary>Whether the answer is positive; null for no answer or "don't know".</summary>
    /// <exception cref="ArgumentOutOfRangeException">The answer is not one of this question's.</exception>
    public bool? IsPositive(short answer)
    {
        if (IsMissing(answer))
        {
            return null;
        }

        Check(answer);
        return (Kind == QuestionKind.Choice ? _optionPoints[answer] : answer) >= PositiveFrom;
    }

    private void Check(short answer)
    {
        if (answer < Lowest || answer > Highest)
        {
            throw new ArgumentOutOfRangeException(nameof(answer), answer,
                string.Create(CultureInfo.InvariantCulture, $"Question {Code} takes answers {Lowest}..{Highest}."));
        }
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Code} ({Kind} {Lowest}..{Highest})");
}
