using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Scoring;
using ParIndex.Scoring.Rules;
using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Surveys;

/// <summary>
/// Sets up a year's survey: respondent groups, their questionnaires (questions mapped to survey
/// leaves), each leaf's method and group weights, and population sizes. Every change is audited.
/// Questions cannot be removed or re-scaled once responses exist (the answers would change meaning).
/// </summary>
public sealed partial class SurveyAdminService(ParIndexDbContext db, AuditLog audit)
{
    [GeneratedRegex("^[A-Za-z0-9_.-]{1,40}$")]
    private static partial Regex CodePattern();

    public async Task<Outcome> AddGroupAsync(Actor? actor, int year, string code, string name, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        code = code?.Trim() ?? "";
        name = name?.Trim() ?? "";
        if (!CodePattern().IsMatch(code) || name.Length == 0)
        {
            return Outcome.Invalid("code", Messages.Get("SurveyCodeInvalid", code));
        }

        if (TextLimits.TooLong(name, TextLimits.Name) is { } longName)
        {
            return Outcome.Invalid("name", longName);
        }

        if (await db.SurveyGroups.AnyAsync(g => g.AssessmentYearId == assessment.Id && g.Code == code, cancellationToken))
        {
            return Outcome.Invalid("code", Messages.Get("CodeTaken", code));
        }

        var order = await db.SurveyGroups.Where(g => g.AssessmentYearId == assessment.Id).MaxAsync(g => (int?)g.SortOrder, cancellationToken) ?? 0;
        db.SurveyGroups.Add(new SurveyGroup { AssessmentYearId = assessment.Id, Code = code, Name = name, SortOrder = order + 1 });
        audit.Record(actor, AuditSubjects.Survey, null, $"group {code}: {name}", null, assessment.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Adds a question after checking it whole; every problem is named by field.</summary>
    public async Task<Outcome> AddQuestionAsync(Actor? actor, int year, QuestionSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        var problems = new List<FieldProblem>();
        var group = await db.SurveyGroups.SingleOrDefaultAsync(g => g.AssessmentYearId == assessment.Id && g.Code == spec.Group, cancellationToken);
        if (group is null)
        {
            problems.Add(new("group", Messages.Get("SurveyGroupUnknown", spec.Group)));
        }

        var code = spec.Code?.Trim() ?? "";
        if (!CodePattern().IsMatch(code))
        {
            problems.Add(new("code", Messages.Get("SurveyCodeInvalid", code)));
        }
        else if (await db.SurveyQuestions.AnyAsync(q => q.AssessmentYearId == assessment.Id && q.Code == code, cancellationToken))
        {
            problems.Add(new("code", Messages.Get("CodeTaken", code)));
        }

        if (string.IsNullOrWhiteSpace(spec.Text))
        {
            problems.Add(new("text", Messages.Get("SurveyTextRequired")));
        }
        else if (TextLimits.TooLong(spec.Text.Trim(), TextLimits.NodeName) is { } longText)
        {
            problems.Add(new("text", longText));
        }

        if (spec.Labels.FirstOrDefault(l => l.Trim().Length > TextLimits.Name) is { } longLabel)
        {
            problems.Add(new("labels", TextLimits.TooLong(longLabel.Trim(), TextLimits.Name)!));
        }

        if (spec.Weight <= 0m)
        {
            problems.Add(new("weight", Messages.Get("SurveyWeightPositive", spec.Weight)));
        }

        var leafCode = spec.LeafCode?.Trim() ?? "";
        var leafProblem = await CheckSurveyLeafAsync(assessment.Id, leafCode, cancellationToken);
        if (leafProblem is not null)
        {
            problems.Add(new("leaf", leafProblem));
        }

        var row = new SurveyQuestionRow
        {
            AssessmentYearId = assessment.Id,
            GroupId = group?.Id ?? 0,
            Code = code,
            Text = spec.Text?.Trim() ?? "",
            Kind = spec.Kind,
            LeafCode = leafCode,
            Weight = spec.Weight,
            AllowsDontKnow = spec.AllowsDontKnow,
            Labels = [.. spec.Labels.Select(l => l.Trim())],
        };
        problems.AddRange(Shape(row, spec));
        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        row.Position = (await db.SurveyQuestions.Where(q => q.AssessmentYearId == assessment.Id)
            .MaxAsync(q => (int?)q.Position, cancellationToken) ?? -1) + 1;
        db.SurveyQuestions.Add(row);
        audit.Record(actor, AuditSubjects.Survey, null, Describe(row, group!.Code), null, assessment.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Removes a question; refused once the year has responses.</summary>
    public async Task<Outcome> RemoveQuestionAsync(Actor? actor, int year, string code, CancellationToken cancellationToken = default)
    {
        var question = await db.SurveyQuestions.Include(q => q.Group)
            .SingleOrDefaultAsync(q => q.Code == code && db.Years.Any(y => y.Id == q.AssessmentYearId && y.Year == year), cancellationToken);
        if (question is null)
        {
            return Outcome.NotFound(Messages.Get("SurveyQuestionUnknown", code));
        }

        if (await db.SurveyRespondents.AnyAsync(r => r.AssessmentYearId == question.AssessmentYearId, cancellationToken))
        {
            return Outcome.Invalid("code", Messages.Get("SurveyHasResponses"));
        }

        db.SurveyQuestions.Remove(question);
        audit.Record(actor, AuditSubjects.Survey, Describe(question, question.Group!.Code), null, null, question.AssessmentYearId);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Sets a survey leaf's aggregation method and group weights (groups not given weigh 1).</summary>
    public async Task<Outcome> SetLeafAsync(Actor? actor, int year, string leafCode, AggregationMethod method,
        IReadOnlyDictionary<string, decimal> groupWeights, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(groupWeights);
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        var problems = new List<FieldProblem>();
        if (await CheckSurveyLeafAsync(assessment.Id, leafCode, cancellationToken) is { } leafProblem)
        {
            problems.Add(new("leaf", leafProblem));
        }

        if (!Enum.IsDefined(method))
        {
            problems.Add(new("method", Messages.Get("SurveyMethodUnknown")));
        }

        var groups = await db.SurveyGroups.Where(g => g.AssessmentYearId == assessment.Id).ToDictionaryAsync(g => g.Code, cancellationToken);
        foreach (var (group, weight) in groupWeights)
        {
            if (!groups.ContainsKey(group))
            {
                problems.Add(new($"weight.{group}", Messages.Get("SurveyGroupUnknown", group)));
            }
            else if (weight <= 0m)
            {
                problems.Add(new($"weight.{group}", Messages.Get("SurveyWeightPositive", weight)));
            }
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        var row = await db.SurveyLeaves.Include(l => l.GroupWeights)
            .SingleOrDefaultAsync(l => l.AssessmentYearId == assessment.Id && l.LeafCode == leafCode, cancellationToken);
        var before = row is null ? null : DescribeLeaf(row, groups.Values);
        if (row is null)
        {
            row = new SurveyLeafRow { AssessmentYearId = assessment.Id, LeafCode = leafCode };
            db.SurveyLeaves.Add(row);
        }

        row.Method = method;
        row.GroupWeights.Clear();
        foreach (var (group, weight) in groupWeights)
        {
            row.GroupWeights.Add(new SurveyLeafGroupWeight { AssessmentYearId = assessment.Id, LeafCode = leafCode, GroupId = groups[group].Id, Weight = weight });
        }

        audit.Record(actor, AuditSubjects.Survey, before, DescribeLeaf(row, groups.Values), reason, assessment.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Sets population sizes per (unit code, group code); a size of 0 or less clears it.</summary>
    public async Task<Outcome> SetPopulationsAsync(Actor? actor, int year, IReadOnlyList<(string Unit, string Group, int Population)> sizes,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sizes);
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        var units = await db.YearUnits.Where(u => u.AssessmentYearId == assessment.Id)
            .Select(u => new { u.UnitId, u.Unit!.Code }).ToDictionaryAsync(u => u.Code, u => u.UnitId, cancellationToken);
        var groups = await db.SurveyGroups.Where(g => g.AssessmentYearId == assessment.Id).ToDictionaryAsync(g => g.Code, g => g.Id, cancellationToken);
        var problems = sizes
            .Where(s => !units.ContainsKey(s.Unit) || !groups.ContainsKey(s.Group))
            .Select(s => new FieldProblem($"{s.Unit}.{s.Group}", Messages.Get("SurveyPopulationTarget", s.Unit, s.Group)))
            .ToList();
        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        var stored = await db.SurveyPopulations.Where(p => p.AssessmentYearId == assessment.Id)
            .ToDictionaryAsync(p => (p.UnitId, p.GroupId), cancellationToken);
        foreach (var (unit, group, population) in sizes)
        {
            var key = (units[unit], groups[group]);
            var row = stored.GetValueOrDefault(key);
            if (population <= 0)
            {
                if (row is not null)
                {
                    db.SurveyPopulations.Remove(row);
                }

                continue;
            }

            if (row is null)
            {
                db.SurveyPopulations.Add(new SurveyPopulation { AssessmentYearId = assessment.Id, UnitId = key.Item1, GroupId = key.Item2, Population = population });
            }
            else
            {
                row.Population = population;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Copies a year's groups, questions and leaf settings into another (empty) year; used when a year is opened from the previous one.</summary>
    public async Task CopyAsync(int fromYearId, int toYearId, CancellationToken cancellationToken = default)
    {
        var groups = await db.SurveyGroups.AsNoTracking().Where(g => g.AssessmentYearId == fromYearId).ToListAsync(cancellationToken);
        var copies = groups.ToDictionary(g => g.Id, g => new SurveyGroup { AssessmentYearId = toYearId, Code = g.Code, Name = g.Name, SortOrder = g.SortOrder });
        db.SurveyGroups.AddRange(copies.Values);
        await db.SaveChangesAsync(cancellationToken);
        var questions = await db.SurveyQuestions.AsNoTracking().Where(q => q.AssessmentYearId == fromYearId).ToListAsync(cancellationToken);
        foreach (var q in questions)
        {
            q.Id = 0;
            q.AssessmentYearId = toYearId;
            q.GroupId = copies[q.GroupId].Id;
            db.SurveyQuestions.Add(q);
        }

        var leaves = await db.SurveyLeaves.AsNoTracking().Include(l => l.GroupWeights).Where(l => l.AssessmentYearId == fromYearId).ToListAsync(cancellationToken);
        foreach (var leaf in leaves)
        {
            leaf.AssessmentYearId = toYearId;
            foreach (var weight in leaf.GroupWeights)
            {
                weight.AssessmentYearId = toYearId;
                weight.GroupId = copies[weight.GroupId].Id;
            }

            db.SurveyLeaves.Add(leaf);
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A survey leaf must exist in one of the year's frameworks, be a survey leaf and use the survey rule (rate, full at 100%, no floor).</summary>
    private async Task<string?> CheckSurveyLeafAsync(int yearId, string leafCode, CancellationToken cancellationToken)
    {
        var nodes = await db.FrameworkNodes.AsNoTracking()
            .Where(n => n.Code == leafCode && db.Frameworks.Any(f => f.Id == n.FrameworkId && f.AssessmentYearId == yearId))
            .ToListAsync(cancellationToken);
        if (nodes.Count == 0 || nodes.Any(n => n.RuleKind is null))
        {
            return Messages.Get("SurveyLeafUnknown", leafCode);
        }

        return nodes.All(n => n.Component == Component.Survey && IsSurveyRule(RuleCodec.Decode(n.RuleKind!, n.RuleParameters)))
            ? null
            : Messages.Get("SurveyLeafRule", leafCode);
    }

    /// <summary>Whether a rule scores a survey leaf as the formulas say: points = score × max (a rate rule, full at 100%, no floor).</summary>
    public static bool IsSurveyRule(ScoringRule rule) => rule is RateRule { FullThreshold: 1m, Floor: 0m };

    private static IEnumerable<FieldProblem> Shape(SurveyQuestionRow row, QuestionSpec spec)
    {
        switch (spec.Kind)
        {
            case QuestionKind.Scale:
                row.Lowest = (short)Math.Clamp(spec.Lowest, short.MinValue, short.MaxValue);
                row.Highest = (short)Math.Clamp(spec.Highest, short.MinValue, short.MaxValue);
                row.PositiveFrom = spec.PositiveFrom;
                if (spec.Lowest < 0 || spec.Highest <= spec.Lowest || spec.Highest - spec.Lowest > 10)
                {
                    yield return new("highest", Messages.Get("SurveyScaleRange", spec.Lowest, spec.Highest));
                }
                else if (spec.PositiveFrom <= spec.Lowest || spec.PositiveFrom > spec.Highest || spec.PositiveFrom % 1m != 0m)
                {
                    yield return new("positiveFrom", Messages.Get("SurveyPositiveFrom", spec.PositiveFrom, spec.Lowest, spec.Highest));
                }
                else if (row.Labels.Length != 0 && row.Labels.Length != spec.Highest - spec.Lowest + 1)
                {
                    yield return new("labels", Messages.Get("SurveyLabelsCount", spec.Highest - spec.Lowest + 1));
                }

                break;
            case QuestionKind.YesNo:
                (row.Lowest, row.Highest, row.PositiveFrom, row.Labels) = (0, 1, 1m, []);
                break;
            case QuestionKind.Choice:
                row.OptionPoints = [.. spec.OptionPoints];
                row.Lowest = 0;
                row.Highest = (short)Math.Max(1, Math.Min(spec.OptionPoints.Count - 1, short.MaxValue));
                row.PositiveFrom = spec.PositiveFrom;
                if (spec.OptionPoints.Count < 2 || spec.OptionPoints.Count > 12 || spec.OptionPoints.Any(p => p < 0m)
                    || spec.OptionPoints.Min() == spec.OptionPoints.Max())
                {
                    yield return new("options", Messages.Get("SurveyChoiceOptions"));
                }
                else if (row.Labels.Length != spec.OptionPoints.Count || row.Labels.Any(string.IsNullOrWhiteSpace))
                {
                    yield return new("labels", Messages.Get("SurveyLabelsCount", spec.OptionPoints.Count));
                }

                break;
            default:
                yield return new("kind", Messages.Get("SurveyKindUnknown"));
                break;
        }
    }

    private static string Describe(SurveyQuestionRow q, string group) => string.Create(CultureInfo.InvariantCulture,
        $"question {q.Code} ({group}, {q.Kind} {q.Lowest}..{q.Highest}, positive from {q.PositiveFrom}, leaf {q.LeafCode} × {q.Weight}): {q.Text}");

    private static string DescribeLeaf(SurveyLeafRow row, IEnumerable<SurveyGroup> groups)
    {
        var names = groups.ToDictionary(g => g.Id, g => g.Code);
        var weights = string.Join(", ", row.GroupWeights.OrderBy(w => names[w.GroupId], StringComparer.Ordinal)
            .Select(w => string.Create(CultureInfo.InvariantCulture, $"{names[w.GroupId]} {w.Weight}")));
        return $"leaf {row.LeafCode}: {row.Method}" + (weights.Length > 0 ? $" ({weights})" : "");
    }
}
