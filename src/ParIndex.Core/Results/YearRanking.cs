namespace ParIndex.Core.Results;

/// <summary>
/// A year's rankings, bloc by bloc, with numbers as published (rounded to two decimals).
/// <see cref="UpdatedAt"/> is when the newest of its results was computed or imported (UTC).
/// </summary>
public sealed record YearRanking(int Year, string Title, bool IsDemo, int? ComparedWithYear, DateTimeOffset? UpdatedAt,
    IReadOnlyList<BlocRankingView> Blocs)
{
    /// <summary>The published version this ranking is; null for the live results (a draft until published).</summary>
    public Publishing.PublicationInfo? Publication { get; init; }

    /// <summary>Every result was imported from a table published outside ParIndex (a year before ParIndex was used).</summary>
    public bool FromPublishedTable { get; init; }

    /// <summary>A draft whose frameworks have survey leaves that have not been scored yet (survey points still 0).</summary>
    public bool SurveyNotScored { get; init; }

    /// <summary>A draft whose survey responses changed since its survey points were computed: since when; null when current.</summary>
    public DateTimeOffset? SurveyStaleSince { get; init; }

    /// <summary>The award rules the ranking was read with (top ranks, outstanding progress).</summary>
    public AwardRule Awards { get; init; } = AwardRule.None;

    /// <summary>A unit's bloc and line (code compared without case), or null.</summary>
    public (BlocRankingView Bloc, RankingRow Line)? Find(string unitCode) =>
        Blocs.SelectMany(b => b.Units.Select(u => (Bloc: b, Line: u)))
            .Where(x => string.Equals(x.Line.UnitCode, unitCode, StringComparison.OrdinalIgnoreCase))
            .Select(x => ((BlocRankingView, RankingRow)?)x)
            .FirstOrDefault();
}

/// <summary>
/// Who is proposed for an award: the first <paramref name="Top"/> ranks of each bloc (ties included),
/// and units whose progress is outstanding (at least <paramref name="RankGain"/> places or
/// <paramref name="IndexGain"/> index points gained). A null criterion is not used.
/// </summary>
public sealed record AwardRule(int? Top, int? RankGain, decimal? IndexGain)
{
    public static AwardRule None { get; } = new(null, null, null);

    public Scoring.Ranking.ProgressRule Progress => new(RankGain, IndexGain);
}

/// <summary>One bloc's ranking and averages (%, two decimals).</summary>
public sealed record BlocRankingView(
    string Code,
    string Name,
    decimal? AverageIndex,
    decimal? AverageAppraisalPercent,
    decimal? AverageSurveyPercent,
    IReadOnlyList<RankingRow> Units)
{
    /// <summary>
    /// A draft only: the bloc's units that take part in the year but are not final yet. While any is
    /// pending the ranks are provisional and no rank change, award or outstanding progress is given.
    /// </summary>
    public int Pending { get; init; }
}

/// <summary>
/// One unit's line: rank, points and index as published. RankChange is places gained since the
/// earlier year (positive = up); IndexChange is the change of the published index in points.
/// </summary>
public sealed record RankingRow(
    int Rank,
    string UnitCode,
    string UnitName,
    decimal Appraisal,
    decimal Survey,
    decimal BonusPenalty,
    decimal Total,
    decimal ApplicableMaximum,
    decimal Index,
    string? Class,
    int? PreviousRank,
    int? RankChange,
    decimal? IndexChange)
{
    /// <summary>The unit's survey figures (responses, margin of error, rank interval) when the year has a survey.</summary>
    public Surveys.UnitSurveyStats? SurveyStats { get; init; }

    /// <summary>The unit's progress since the earlier year is outstanding under the year's rule.</summary>
    public bool OutstandingProgress { get; init; }

    /// <summary>The unit ranks within the top places proposed for an award.</summary>
    public bool TopAward { get; init; }

    /// <summary>
    /// When the unit is compared with the earlier year through its lineage: the earlier units' names
    /// (one: its rank and index; several: their mean index, no rank change).
    /// </summary>
    public IReadOnlyList<string>? ComparedThrough { get; init; }
}
