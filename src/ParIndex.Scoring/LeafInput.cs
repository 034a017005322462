using System.Globalization;

namespace ParIndex.Scoring;

/// <summary>
/// What one unit entered (or the council settled) for one leaf: the raw figures that the leaf's
/// <see cref="Rules.ScoringRule"/> turns into points. An immutable value; the default value is
/// <see cref="Missing"/>.
/// </summary>
/// <remarks>
/// A leaf input carries at most two numbers. Which accessors are meaningful depends on
/// <see cref="Kind"/>; the others return 0.
/// </remarks>
public readonly record struct LeafInput
{
    private LeafInput(LeafInputKind kind, decimal first, decimal second)
    {
        Kind = kind;
        First = first;
        Second = second;
    }

    /// <summary>What this input carries.</summary>
    public LeafInputKind Kind { get; }

    /// <summary>
    /// The first number: points, 1/0 for yes/no, the tier index, the numerator, the count or the bonus.
    /// </summary>
    public decimal First { get; }

    /// <summary>The second number: the denominator of a rate or the penalty; otherwise 0.</summary>
    public decimal Second { get; }

    /// <summary>Nothing entered yet: scores 0 points and keeps the leaf in the unit's maximum.</summary>
    public static LeafInput Missing => default;

    /// <summary>Không đánh giá: the leaf scores nothing and is removed from the unit's maximum.</summary>
    public static LeafInput NotApplicable => new(LeafInputKind.NotApplicable, 0m, 0m);

    /// <summary>Points entered directly, for a manual rule.</summary>
    public static LeafInput Points(decimal points) => new(LeafInputKind.Points, points, 0m);

    /// <summary>A yes/no answer, for a yes/no rule.</summary>
    public static LeafInput YesNo(bool yes) => new(LeafInputKind.YesNo, yes ? 1m : 0m, 0m);

    /// <summary>The zero-based index of the tier reached, for a tiered rule.</summary>
    public static LeafInput Tier(int index) => new(LeafInputKind.Tier, index, 0m);

    /// <summary>A numerator and a denominator (e.g. tasks done and tasks assigned), for a rate rule.</summary>
    public static LeafInput Rate(decimal numerator, decimal denominator) => new(LeafInputKind.Rate, numerator, denominator);

    /// <summary>A count of violations, for a deduction rule.</summary>
    public static LeafInput Count(decimal count) => new(LeafInputKind.Count, count, 0m);

    /// <summary>Bonus points earned and penalty points incurred (both ≥ 0), for a bonus/penalty rule.</summary>
    public static LeafInput BonusPenalty(decimal bonus, decimal penalty) => new(LeafInputKind.BonusPenalty, bonus, penalty);

    /// <summary>
    /// The input with the given <see cref="Kind"/>, <see cref="First"/> and <see cref="Second"/> (how
    /// inputs are stored); the inverse of reading those three properties.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The kind is not one of <see cref="LeafInputKind"/>.</exception>
    public static LeafInput FromParts(LeafInputKind kind, decimal first, decimal second) => kind switch
    {
        LeafInputKind.Missing => Missing,
        LeafInputKind.NotApplicable => NotApplicable,
        LeafInputKind.Points => Points(first),
        LeafInputKind.YesNo => YesNo(first == 1m),
        LeafInputKind.Tier => Tier((int)first),
        LeafInputKind.Rate => Rate(first, second),
        LeafInputKind.Count => Count(first),
        LeafInputKind.BonusPenalty => BonusPenalty(first, second),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind."),
    };

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        LeafInputKind.Missing or LeafInputKind.NotApplicable => Kind.ToString(),
        LeafInputKind.Rate or LeafInputKind.BonusPenalty =>
            string.Create(CultureInfo.InvariantCulture, $"{Kind}({First}, {Second})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{Kind}({First})"),
    };
}
