using ParIndex.Scoring.Surveys;

namespace ParIndex.Benchmarks;

/// <summary>
/// Generated survey data of a given scale: four respondent groups, 30 five-point questions, ten
/// survey leaves (each from three questions in one or two groups, both methods), units with
/// different true satisfaction, respondents spread over units and groups. Deterministic.
/// </summary>
public static class SurveyData
{
    public static readonly string[] Groups = ["leaders", "civil-servants", "citizens", "businesses"];

    public static SurveyDesign Design()
    {
        var questions = Enumerable.Range(1, 30).Select(i => SurveyQuestion.Scale($"Q{i:00}", 1, 5, 4)).ToList();
        var leaves = Enumerable.Range(0, 10).Select(l => new SurveyLeaf(
            $"S{l + 1}",
            l % 3 == 2 ? AggregationMethod.PositiveShare : AggregationMethod.MeanScore,
            [.. Enumerable.Range(0, 3).SelectMany(q => new[]
            {
                new SurveySource($"Q{(l * 3) + q + 1:00}", Groups[l % 4], 1m + q),
                new SurveySource($"Q{(l * 3) + q + 1:00}", Groups[(l + 1) % 4], 1m),
            })],
            new Dictionary<string, decimal> { [Groups[l % 4]] = 2m }));
        return SurveyDesign.Create(Groups, questions, leaves);
    }

    public static List<BootstrapUnit> Units(int units, int respondents, int blocs)
    {
        var random = new Random(2026);
        var maxima = Enumerable.Range(1, 10).ToDictionary(l => $"S{l}", l => l <= 2 ? 5m : 2.75m); // 32 points
        var perUnit = respondents / units;
        var result = new List<BootstrapUnit>(units);
        for (var u = 0; u < units; u++)
        {
            var quality = 0.5 + (0.45 * random.NextDouble());
            var responses = new List<SurveyResponse>(perUnit);
            for (var r = 0; r < perUnit; r++)
            {
                var answers = new short[30];
                for (var q = 0; q < 30; q++)
                {
                    answers[q] = random.NextDouble() < 0.04 ? SurveyQuestion.NoAnswer : (short)Math.Clamp(1 + (int)Math.Round((quality * 4) + ((random.NextDouble() - 0.5) * 2.5)), 1, 5);
                }

                responses.Add(new SurveyResponse(Groups[r % 4], answers));
            }

            result.Add(new BootstrapUnit($"U{u:0000}", $"B{u % blocs:00}", 40m + (decimal)(random.NextDouble() * 25), 100m, maxima, responses));
        }

        return result;
    }
}
