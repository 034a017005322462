namespace ParIndex.Scoring.Surveys;

/// <summary>A unit's index and rank with their bootstrap intervals.</summary>
/// <param name="Code">The unit.</param>
/// <param name="Bloc">Its bloc.</param>
/// <param name="Index">The index from all respondents (exact, as published before rounding).</param>
/// <param name="SurveyPoints">Its survey points from all respondents.</param>
/// <param name="IndexLow">The interval's lower end (e.g. 5th percentile of the replicates).</param>
/// <param name="IndexHigh">The interval's upper end (e.g. 95th percentile).</param>
/// <param name="Rank">The rank in its bloc from all respondents (competition ranking on the exact index).</param>
/// <param name="RankBest">The best (smallest) rank of the interval.</param>
/// <param name="RankWorst">The worst (largest) rank of the interval.</param>
/// <param name="RobustAgainstNext">
/// Whether the unit's lead over the next unit of its bloc (by index) holds: the interval of the two
/// indices' difference excludes 0. Null for the last unit of a bloc.
/// </param>
public sealed record UnitInterval(string Code, string Bloc, decimal Index, decimal SurveyPoints, double IndexLow, double IndexHigh,
    int Rank, int RankBest, int RankWorst, bool? RobustAgainstNext);
