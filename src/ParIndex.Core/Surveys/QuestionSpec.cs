using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Surveys;

/// <summary>A question to add to a group's questionnaire.</summary>
/// <param name="Group">The group's code.</param>
/// <param name="Code">The question's code (the column header in response files).</param>
/// <param name="Text">The question as asked.</param>
/// <param name="Kind">Scale, yes/no or choice.</param>
/// <param name="Lowest">Scale: first point (e.g. 1).</param>
/// <param name="Highest">Scale: last point (e.g. 5).</param>
/// <param name="PositiveFrom">Scale: first positive point (e.g. 4); choice: the points from which an option is positive.</param>
/// <param name="Labels">Scale: a label per point (or none); choice: each option's text.</param>
/// <param name="OptionPoints">Choice: each option's points.</param>
/// <param name="AllowsDontKnow">Offer "don't know" (counted as missing).</param>
/// <param name="LeafCode">The survey leaf the question feeds.</param>
/// <param name="Weight">Its weight in the leaf (&gt; 0).</param>
public sealed record QuestionSpec(string Group, string Code, string Text, QuestionKind Kind, int Lowest, int Highest, decimal PositiveFrom,
    IReadOnlyList<string> Labels, IReadOnlyList<decimal> OptionPoints, bool AllowsDontKnow, string LeafCode, decimal Weight = 1m);
