namespace ParIndex.Scoring.Ranking;

/// <summary>
/// A bloc's averages, unrounded: the mean index, and the mean appraisal % and survey % over the units
/// whose component maxima are known (C9: Hanoi 2022 departments 84,19% / 89,19% / 85,73%).
/// </summary>
/// <param name="UnitCount">The number of units ranked.</param>
/// <param name="Index">The mean index; null for an empty bloc.</param>
/// <param name="AppraisalPercent">The mean appraisal %; null when no unit has an appraisal maximum.</param>
/// <param name="SurveyPercent">The mean survey %; null when no unit has a survey maximum.</param>
public sealed record BlocAverages(int UnitCount, decimal? Index, decimal? AppraisalPercent, decimal? SurveyPercent)
{
    internal static BlocAverages Of(IReadOnlyList<IndexResult> results) => new(
        results.Count,
        Mean(results.Select(r => (decimal?)r.Index)),
        Mean(results.Select(r => r.AppraisalPercent)),
        Mean(results.Select(r => r.SurveyPercent)));

    private static decimal? Mean(IEnumerable<decimal?> values)
    {
        decimal sum = 0m;
        var count = 0;
        foreach (var v in values)
        {
            if (v is { } x)
            {
                sum += x;
                count++;
            }
        }

        return count == 0 ? null : sum / count;
    }
}
