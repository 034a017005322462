using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Scoring;

namespace ParIndex.Core.Results;

/// <summary>Scores every unit of a year from its stored leaf scores with the engine and saves the results.</summary>
public sealed class ResultsService(ParIndexDbContext db, TimeProvider clock)
{
    /// <summary>Recomputes the results of every finalised unit of <paramref name="year"/> that has a framework; returns how many.</summary>
    /// <exception cref="InvalidOperationException">The year does not exist or stored scores fail their rules.</exception>
    public async Task<int> RecomputeAsync(int year, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken)
            ?? throw new InvalidOperationException($"Assessment year {year} does not exist.");
        if (assessment.ResultsLocked)
        {
            throw new InvalidOperationException(await Publishing.ResultsLock.MessageAsync(db, assessment, cancellationToken));
        }

        var participants = await db.YearUnits
            .Where(u => u.AssessmentYearId == assessment.Id && u.FrameworkId != null && u.Status == UnitStatus.Final)
            .ToListAsync(cancellationToken);
        var frameworkIds = participants.Select(p => p.FrameworkId!.Value).Distinct().ToList();
        var versions = await db.Frameworks.AsNoTracking().Include(f => f.Nodes)
            .Where(f => frameworkIds.Contains(f.Id))
            .ToListAsync(cancellationToken);
        var frameworks = versions.ToDictionary(v => v.Id, v => StoredFramework.From(v, v.Nodes));
        var scores = (await db.LeafScores.AsNoTracking()
                .Where(s => s.AssessmentYearId == assessment.Id)
                .ToListAsync(cancellationToken))
            .ToLookup(s => s.UnitId);
        var existing = await db.UnitResults
            .Where(r => r.AssessmentYearId == assessment.Id)
            .ToDictionaryAsync(r => r.UnitId, cancellationToken);
        var now = clock.GetUtcNow();
        var unitIds = participants.Select(p => p.UnitId).ToList();
        await db.UnitAreaResults.Where(a => a.AssessmentYearId == assessment.Id && unitIds.Contains(a.UnitId)).ExecuteDeleteAsync(cancellationToken);

        foreach (var participant in participants)
        {
            var framework = frameworks[participant.FrameworkId!.Value];
            var inputs = framework.Framework.NewInputs();
            foreach (var score in scores[participant.UnitId])
            {
                var leaf = framework.LeafIndexOf(score.NodeId);
                if (leaf >= 0)
                {
                    inputs[leaf] = ToInput(score);
                }
            }

            var scored = framework.Framework.TryScore(inputs, out var errors)
                ?? throw new InvalidOperationException(
                    $"Unit {participant.UnitId} of {year} has stored scores that fail their rules: {string.Join("; ", errors)}");
            var index = scored.Index;
            db.UnitAreaResults.AddRange(AreasOf(scored, assessment.Id, participant.UnitId));
            if (!existing.TryGetValue(participant.UnitId, out var row))
            {
                row = new UnitResultRow { AssessmentYearId = assessment.Id, UnitId = participant.UnitId };
                db.UnitResults.Add(row);
            }

            row.Appraisal = index.Appraisal;
            row.Survey = index.Survey;
            row.BonusPenalty = index.BonusPenalty;
            row.ApplicableMaximum = index.ApplicableMaximum;
            row.AppraisalMaximum = index.AppraisalMaximum;
            row.SurveyMaximum = index.SurveyMaximum;
            row.Source = ResultSource.Computed;
            row.UpdatedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return participants.Count;
    }

    /// <summary>The areas of a scored unit as stored beside its result.</summary>
    public static IEnumerable<UnitAreaResult> AreasOf(UnitResult scored, int yearId, int unitId)
    {
        ArgumentNullException.ThrowIfNull(scored);
        return scored.Framework.Areas.Select((area, i) =>
        {
            var outcome = scored[area];
            return new UnitAreaResult
            {
                AssessmentYearId = yearId,
                UnitId = unitId,
                AreaCode = area.Code,
                AreaName = area.Name,
                Position = i + 1,
                MaxPoints = area.MaxPoints,
                ApplicableMaximum = outcome.ApplicableMaximum,
                Achieved = outcome.Achieved,
            };
        });
    }

    public static LeafInput ToInput(LeafScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return LeafInput.FromParts(score.Kind, score.First, score.Second);
    }
}
