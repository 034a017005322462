namespace ParIndex.Core.Results;

/// <summary>
/// A year's rankings, bloc by bloc, with numbers as published (rounded to two decimals).
/// <see cref="UpdatedAt"/> is when the newest of its results was computed or imported (UTC).
/// </summary>
public sealed record YearRanking(int Year, string Title, bool IsDemo, int? ComparedWithYear, DateTimeOffset? UpdatedAt,
    IReadOnlyList<BlocRankingView> Blocs);

/// <summary>One bloc's ranking and averages (%, two decimals).</summary>
public sealed record BlocRankingView(
    string Code,
    string Name,
    decimal? AverageIndex,
    decimal? AverageAppraisalPercent,
    decimal? AverageSurveyPercent,
    IReadOnlyList<RankingRow> Units);

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
}
