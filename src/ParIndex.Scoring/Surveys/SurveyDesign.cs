using System.Globalization;

namespace ParIndex.Scoring.Surveys;

/// <summary>
/// A year's survey: the respondent groups, the questions, and how each survey leaf is scored from
/// them. Immutable and checked when created. Scores one unit's responses exactly (decimal); the
/// bootstrap uses the same arithmetic in binary floating point.
/// </summary>
public sealed class SurveyDesign
{
    private readonly Dictionary<string, int> _groupIndex;
    private readonly Dictionary<string, int> _questionIndex;

    private SurveyDesign(IReadOnlyList<string> groups, IReadOnlyList<SurveyQuestion> questions, IReadOnlyList<SurveyLeaf> leaves)
    {
        Groups = groups;
        Questions = questions;
        Leaves = leaves;
        _groupIndex = groups.Select((g, i) => (g, i)).ToDictionary(x => x.g, x => x.i, StringComparer.Ordinal);
        _questionIndex = questions.Select((q, i) => (q.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        Uses = [.. leaves.Select(l => l.Sources.Select(s => new Use(_questionIndex[s.QuestionCode], _groupIndex[s.Group], s.Weight)).ToArray())];
    }

    /// <summary>The respondent groups (e.g. leaders, civil servants, citizens, businesses).</summary>
    public IReadOnlyList<string> Groups { get; }

    /// <summary>The questions, in the order of every response's answers.</summary>
    public IReadOnlyList<SurveyQuestion> Questions { get; }

    /// <summary>How each survey leaf is scored.</summary>
    public IReadOnlyList<SurveyLeaf> Leaves { get; }

    /// <summary>For each leaf, its sources as indices (question, group) and weights.</summary>
    internal Use[][] Uses { get; }

    internal readonly record struct Use(int Question, int Group, decimal Weight);

    /// <summary>The index of a group, or −1.</summary>
    public int GroupIndex(string group) => _groupIndex.GetValueOrDefault(group, -1);

    /// <summary>The index of a question, or −1.</summary>
    public int QuestionIndex(string code) => _questionIndex.GetValueOrDefault(code, -1);

    /// <exception cref="SurveyDesignException">Every problem: duplicate codes, unknown questions or groups, weights ≤ 0.</exception>
    public static SurveyDesign Create(IEnumerable<string> groups, IEnumerable<SurveyQuestion> questions, IEnumerable<SurveyLeaf> leaves)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(leaves);
        var groupList = groups.ToList();
        var questionList = questions.ToList();
        var leafList = leaves.ToList();
        var problems = new List<string>();
        problems.AddRange(Duplicates(groupList, "group"));
        problems.AddRange(Duplicates(questionList.Select(q => q.Code), "question"));
        problems.AddRange(Duplicates(leafList.Select(l => l.LeafCode), "survey leaf"));
        var knownGroups = groupList.ToHashSet(StringComparer.Ordinal);
        var knownQuestions = questionList.Select(q => q.Code).ToHashSet(StringComparer.Ordinal);
        foreach (var leaf in leafList)
        {
            if (leaf.Sources.Count == 0)
            {
                problems.Add($"leaf {leaf.LeafCode}: no questions");
            }

            foreach (var source in leaf.Sources)
            {
                if (!knownQuestions.Contains(source.QuestionCode))
                {
                    problems.Add($"leaf {leaf.LeafCode}: unknown question {source.QuestionCode}");
                }

                if (!knownGroups.Contains(source.Group))
                {
                    problems.Add($"leaf {leaf.LeafCode}: unknown group {source.Group}");
                }

                if (source.Weight <= 0m)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"leaf {leaf.LeafCode}: question {source.QuestionCode} has weight {source.Weight} (must be > 0)"));
                }
            }

            foreach (var (group, weight) in leaf.GroupWeights ?? new Dictionary<string, decimal>())
            {
                if (weight <= 0m)
                {
                    problems.Add(string.Create(CultureInfo.InvariantCulture, $"leaf {leaf.LeafCode}: group {group} has weight {weight} (must be > 0)"));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new SurveyDesignException(problems);
        }

        return new SurveyDesign(groupList, questionList, leafList);
    }

    /// <summary>
    /// Scores one unit's responses: each survey leaf's score and points (<paramref name="maxPoints"/>
    /// gives a leaf's maximum), with how many respondents answered it per group.
    /// </summary>
    /// <exception cref="ArgumentException">A response names an unknown group, has the wrong number of answers, or an answer a question does not take.</exception>
    public IReadOnlyList<SurveyLeafResult> Score(IReadOnlyList<SurveyResponse> responses, Func<string, decimal> maxPoints)
    {
        ArgumentNullException.ThrowIfNull(responses);
        ArgumentNullException.ThrowIfNull(maxPoints);
        foreach (var response in responses)
        {
            Check(response);
        }

        var results = new List<SurveyLeafResult>(Leaves.Count);
        for (var l = 0; l < Leaves.Count; l++)
        {
            var leaf = Leaves[l];
            var sums = new decimal[Groups.Count];
            var weights = new decimal[Groups.Count];
            var respondents = new int[Groups.Count];
            foreach (var response in responses)
            {
                var group = _groupIndex[response.Group];
                var answered = false;
                foreach (var use in Uses[l])
                {
                    if (use.Group != group)
                    {
                        continue;
                    }

                    var answer = response.Answers[use.Question];
                    if (Value(leaf.Method, Questions[use.Question], answer) is not { } value)
                    {
                        continue;
                    }

                    sums[group] += use.Weight * value;
                    weights[group] += use.Weight;
                    answered = true;
                }

                if (answered)
                {
                    respondents[group]++;
                }
            }

            decimal weighted = 0m, groupWeights = 0m;
            for (var g = 0; g < Groups.Count; g++)
            {
                if (weights[g] > 0m)
                {
                    var w = leaf.GroupWeight(Groups[g]);
                    weighted += w * (sums[g] / weights[g]);
                    groupWeights += w;
                }
            }

            decimal? score = groupWeights > 0m ? weighted / groupWeights : null;
            results.Add(new SurveyLeafResult(leaf.LeafCode, score, score * maxPoints(leaf.LeafCode),
                Groups.Select((g, i) => (g, i)).Where(x => respondents[x.i] > 0).ToDictionary(x => x.g, x => respondents[x.i], StringComparer.Ordinal)));
        }

        return results;
    }

    /// <summary>The value an answer contributes under a method: its 0..1 score, or 1/0 for positive/not; null when missing.</summary>
    internal static decimal? Value(AggregationMethod method, SurveyQuestion question, short answer) => method == AggregationMethod.MeanScore
        ? question.Score(answer)
        : question.IsPositive(answer) switch { null => null, true => 1m, false => 0m };

    private void Check(SurveyResponse response)
    {
        if (!_groupIndex.ContainsKey(response.Group))
        {
            throw new ArgumentException($"Unknown respondent group '{response.Group}'.", nameof(response));
        }

        if (response.Answers is null || response.Answers.Length != Questions.Count)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"A response has {response.Answers?.Length ?? 0} answers; the design has {Questions.Count} questions."), nameof(response));
        }

        for (var q = 0; q < Questions.Count; q++)
        {
            if (!Questions[q].Accepts(response.Answers[q]))
            {
                throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                    $"Answer {response.Answers[q]} is not one of question {Questions[q].Code}'s ({Questions[q].Lowest}..{Questions[q].Highest})."), nameof(response));
            }
        }
    }

    private static IEnumerable<string> Duplicates(IEnumerable<string> codes, string what) =>
        codes.GroupBy(c => c, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => $"{what} {g.Key} appears more than once");
}
