using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Data;
using ParIndex.Core.Years;
using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Surveys;

/// <summary>
/// A year's survey as stored, turned into the engine's <see cref="SurveyDesign"/>: groups by code,
/// questions in position order, and a survey leaf for every leaf code that questions map to (its
/// method and group weights from <c>survey_leaves</c>; mean score when not set).
/// </summary>
public sealed class SurveySetup
{
    private readonly int _width;

    private SurveySetup(AssessmentYear year, List<SurveyGroup> groups, List<SurveyQuestionRow> questions, List<SurveyLeafRow> leaves)
    {
        Year = year;
        Groups = groups;
        Questions = questions;
        GroupsById = groups.ToDictionary(g => g.Id);
        var byLeaf = questions.GroupBy(q => q.LeafCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal);
        var settings = leaves.ToDictionary(l => l.LeafCode, StringComparer.Ordinal);
        Leaves = [.. byLeaf.Select(g =>
        {
            var setting = settings.GetValueOrDefault(g.Key);
            return new SurveyLeaf(g.Key, setting?.Method ?? AggregationMethod.MeanScore,
                [.. g.Select(q => new SurveySource(q.Code, GroupsById[q.GroupId].Code, q.Weight))],
                setting?.GroupWeights.ToDictionary(w => GroupsById[w.GroupId].Code, w => w.Weight, StringComparer.Ordinal));
        })];
        Design = SurveyDesign.Create(groups.Select(g => g.Code), questions.Select(q => q.ToQuestion()), Leaves);
        _width = questions.Count == 0 ? 0 : questions.Max(q => q.Position) + 1;
    }

    public AssessmentYear Year { get; }

    public IReadOnlyList<SurveyGroup> Groups { get; }

    public IReadOnlyDictionary<int, SurveyGroup> GroupsById { get; }

    /// <summary>The questions in position order (the design's order).</summary>
    public IReadOnlyList<SurveyQuestionRow> Questions { get; }

    /// <summary>The survey leaves the questions feed, by leaf code.</summary>
    public IReadOnlyList<SurveyLeaf> Leaves { get; }

    public SurveyDesign Design { get; }

    /// <summary>How long a stored answers array is: the highest position + 1.</summary>
    public int Width => _width;

    /// <summary>Loads a year's survey; null when the year does not exist.</summary>
    public static async Task<SurveySetup?> LoadAsync(ParIndexDbContext db, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var assessment = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        var groups = await db.SurveyGroups.AsNoTracking().Where(g => g.AssessmentYearId == assessment.Id)
            .OrderBy(g => g.SortOrder).ThenBy(g => g.Id).ToListAsync(cancellationToken);
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.AssessmentYearId == assessment.Id)
            .OrderBy(q => q.Position).ToListAsync(cancellationToken);
        var leaves = await db.SurveyLeaves.AsNoTracking().Include(l => l.GroupWeights)
            .Where(l => l.AssessmentYearId == assessment.Id).ToListAsync(cancellationToken);
        return new SurveySetup(assessment, groups, questions, leaves);
    }

    /// <summary>A stored answers array (indexed by position) in the design's question order.</summary>
    public short[] ToDesignOrder(short[] stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var answers = new short[Questions.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            var position = Questions[i].Position;
            answers[i] = position < stored.Length ? stored[position] : SurveyQuestion.NoAnswer;
        }

        return answers;
    }

    /// <summary>An empty answers array (every answer missing) as stored.</summary>
    public short[] EmptyAnswers()
    {
        var answers = new short[Width];
        Array.Fill(answers, SurveyQuestion.NoAnswer);
        return answers;
    }

    /// <summary>The questions a group's respondents are asked, in order.</summary>
    public IEnumerable<SurveyQuestionRow> QuestionsOf(int groupId) => Questions.Where(q => q.GroupId == groupId);
}
