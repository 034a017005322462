namespace ParIndex.Scoring.Ranking;

/// <summary>
/// Configurable classes by index, e.g. the national 2023-24 scheme A ≥ 90%, B 80% to &lt; 90%.
/// A unit falls in the class with the highest minimum that its published index (rounded to two
/// decimals, as for ties) reaches; below every minimum it has no class.
/// </summary>
public sealed class ClassScheme
{
    /// <summary>Creates a scheme; labels and minima must be distinct.</summary>
    public ClassScheme(IEnumerable<IndexClass> classes)
    {
        ArgumentNullException.ThrowIfNull(classes);
        Classes = [.. classes.OrderByDescending(c => c.MinimumIndex)];
        if (Classes.Select(c => c.MinimumIndex).Distinct().Count() != Classes.Count
            || Classes.Select(c => c.Label).Distinct(StringComparer.Ordinal).Count() != Classes.Count)
        {
            throw new ArgumentException("Class labels and minima must be distinct.", nameof(classes));
        }
    }

    /// <summary>The national 2023-24 scheme: A ≥ 90, B ≥ 80.</summary>
    public static ClassScheme National { get; } = new([new IndexClass("A", 90m), new IndexClass("B", 80m)]);

    /// <summary>The classes, highest minimum first.</summary>
    public IReadOnlyList<IndexClass> Classes { get; }

    /// <summary>The class of a unit with this (unrounded) index, or null when below every minimum.</summary>
    public IndexClass? Classify(decimal index)
    {
        var published = ScoreFormat.Round(index);
        foreach (var c in Classes)
        {
            if (published >= c.MinimumIndex)
            {
                return c;
            }
        }

        return null;
    }
}
