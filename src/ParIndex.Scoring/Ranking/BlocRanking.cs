namespace ParIndex.Scoring.Ranking;

/// <summary>
/// The ranking of one bloc (khối): units ordered by index, highest first, with competition ranks,
/// changes against an earlier year, classes and averages. Units are only ranked inside their bloc.
/// </summary>
/// <remarks>
/// <para><b>Ties.</b> Units are compared on their index rounded to two decimals, as published: two
/// units both published at 95,70% share a rank even if their unrounded indices differ, and the next
/// unit's rank skips (1, 2, 2, 4 — Hanoi 2023 districts). Units sharing a rank are listed in the
/// order of <c>unitOrder</c> (ordinal by unit key unless given), never by their unrounded index.</para>
/// <para>Pure and deterministic: the same entries give the same ranking whatever their order.</para>
/// </remarks>
public sealed class BlocRanking
{
    private BlocRanking(IReadOnlyList<RankedUnit> units, BlocAverages averages)
    {
        Units = units;
        Averages = averages;
    }

    /// <summary>The units, best first.</summary>
    public IReadOnlyList<RankedUnit> Units { get; }

    /// <summary>The bloc's averages.</summary>
    public BlocAverages Averages { get; }

    /// <summary>Ranks one bloc.</summary>
    /// <param name="entries">The bloc's units; keys must be unique.</param>
    /// <param name="previous">The units' standings in an earlier year, by unit key (units missing there have no change).</param>
    /// <param name="classes">The class scheme, if the province uses one.</param>
    /// <param name="unitOrder">How to order units that share a rank; ordinal by key if null.</param>
    /// <exception cref="ArgumentException">A unit key appears twice.</exception>
    public static BlocRanking Create(
        IEnumerable<RankingEntry> entries,
        IReadOnlyDictionary<string, PreviousStanding>? previous = null,
        ClassScheme? classes = null,
        IComparer<string>? unitOrder = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var list = entries.ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in list)
        {
            if (!seen.Add(entry.Unit))
            {
                throw new ArgumentException($"Unit '{entry.Unit}' appears twice in the bloc.", nameof(entries));
            }
        }

        var order = unitOrder ?? StringComparer.Ordinal;
        var sorted = list
            .Select(e => (Entry: e, Published: ScoreFormat.Round(e.Result.Index)))
            .OrderByDescending(x => x.Published)
            .ThenBy(x => x.Entry.Unit, order)
            .ThenBy(x => x.Entry.Unit, StringComparer.Ordinal)
            .ToList();

        var units = new RankedUnit[sorted.Count];
        for (var i = 0; i < sorted.Count; i++)
        {
            var rank = i > 0 && sorted[i].Published == sorted[i - 1].Published ? units[i - 1].Rank : i + 1;
            var (entry, _) = sorted[i];
            PreviousStanding? before = previous is not null && previous.TryGetValue(entry.Unit, out var p) ? p : null;
            units[i] = new RankedUnit(entry.Unit, entry.Result, rank, classes?.Classify(entry.Result.Index), before);
        }

        return new BlocRanking(units, BlocAverages.Of([.. list.Select(e => e.Result)]));
    }

    /// <summary>This ranking as the earlier year of a later one: each unit's rank and index.</summary>
    public IReadOnlyDictionary<string, PreviousStanding> Standings() =>
        Units.ToDictionary(u => u.Unit, u => new PreviousStanding(u.Rank, u.Result.Index), StringComparer.Ordinal);
}
