using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Results;
using ParIndex.Scoring;
using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Surveys;

/// <summary>What a survey scoring run did.</summary>
/// <param name="Units">Units whose survey leaves were scored.</param>
/// <param name="Respondents">Submitted respondents used.</param>
/// <param name="Problems">Survey leaves that could not be scored (wrong rule), named.</param>
public sealed record SurveyScoringReport(int Units, int Respondents, IReadOnlyList<string> Problems)
{
    /// <summary>Why nothing was scored (the year's results are proposed or published); null when it ran.</summary>
    public string? Refusal { get; init; }
}

/// <summary>
/// Turns a year's submitted responses into survey leaf scores: each survey leaf of a unit's framework
/// that questions feed gets the input rate(score, 1), so its points are score × max by the leaf's rule
/// (checked to be full at 100%, no floor) and flow into totals, index and ranking like appraisal
/// points. Then results are recomputed and the bootstrap intervals of every ranked unit stored. One
/// transaction (the caller's, when it has one), which also clears the year's "points out of date" mark;
/// each unit's change of survey points is audited.
/// </summary>
public sealed class SurveyScoringService(ParIndexDbContext db, ResultsService results, AuditLog audit, TimeProvider clock)
{
    /// <summary>The bootstrap's replicates (1,000 as the method page says).</summary>
    public const int Replicates = 1000;

    /// <summary>The bootstrap seed of a year: fixed, so that the same responses always give the same intervals.</summary>
    public static ulong SeedOf(int year) => (ulong)year * 1_000_003UL;

    /// <summary>Marks a year's survey points out of date (its responses changed); kept until the next scoring commits.</summary>
    public static Task MarkStaleAsync(ParIndexDbContext db, int yearId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Years.Where(y => y.Id == yearId && y.SurveyStaleSince == null)
            .ExecuteUpdateAsync(y => y.SetProperty(x => x.SurveyStaleSince, now), cancellationToken);

    /// <summary>Rescores every year whose survey points are out of date and whose results are not locked (at start, after a crash).</summary>
    public async Task<IReadOnlyList<int>> RepairAsync(CancellationToken cancellationToken = default)
    {
        var stale = await db.Years.AsNoTracking().Where(y => y.SurveyStaleSince != null && !y.ResultsLocked)
            .OrderBy(y => y.Year).Select(y => y.Year).ToListAsync(cancellationToken);
        foreach (var year in stale)
        {
            await ScoreAsync(null, year, Messages.Get("SurveyRescoredAtStart"), cancellationToken);
        }

        return stale;
    }

    public async Task<SurveyScoringReport> ScoreAsync(Actor? actor, int year, string? reason, CancellationToken cancellationToken = default)
    {
        var setup = await SurveySetup.LoadAsync(db, year, cancellationToken)
            ?? throw new InvalidOperationException($"Assessment year {year} does not exist.");
        var yearId = setup.Year.Id;
        if (setup.Year.ResultsLocked)
        {
            return new SurveyScoringReport(0, 0, []) { Refusal = await Publishing.ResultsLock.MessageAsync(db, setup.Year, cancellationToken) };
        }

        // Inside an import's transaction, the import and its points commit together (or neither does).
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(8073, {year})", cancellationToken);

        var participants = await db.YearUnits.AsNoTracking().Include(u => u.Unit)
            .Where(u => u.AssessmentYearId == yearId && u.FrameworkId != null).ToListAsync(cancellationToken);
        var frameworks = await FrameworksAsync(participants.Select(p => p.FrameworkId!.Value), cancellationToken);
        var responses = await ResponsesAsync(setup, cancellationToken);
        var stored = (await db.LeafScores.Where(s => s.AssessmentYearId == yearId).ToListAsync(cancellationToken))
            .ToDictionary(s => (s.UnitId, s.NodeId));
        var problems = new SortedSet<string>(StringComparer.Ordinal);
        var designLeaves = setup.Leaves.Select(l => l.LeafCode).ToHashSet(StringComparer.Ordinal);

        foreach (var participant in participants)
        {
            var (framework, nodeIds) = frameworks[participant.FrameworkId!.Value];
            var leaves = framework.Framework.Leaves.Where(l => l.Component == Component.Survey && designLeaves.Contains(l.Code)).ToList();
            // A leaf the unit's framework version lacks weighs nothing for it (a year may have several versions).
            var maxima = leaves.ToDictionary(l => l.Code, l => l.MaxPoints, StringComparer.Ordinal);
            var scored = setup.Design.Score(responses[participant.UnitId].ToList(), code => maxima.GetValueOrDefault(code))
                .ToDictionary(r => r.LeafCode, StringComparer.Ordinal);
            decimal before = 0m, after = 0m;
            foreach (var leaf in leaves)
            {
                if (!SurveyAdminService.IsSurveyRule(leaf.Rule!))
                {
                    problems.Add(Messages.Get("SurveyLeafRule", leaf.Code));
                    continue;
                }

                var key = (participant.UnitId, nodeIds[leaf.Code]);
                if (stored.TryGetValue(key, out var row) && row.Kind == LeafInputKind.NotApplicable)
                {
                    continue;
                }

                var score = scored.TryGetValue(leaf.Code, out var result) ? result.Score : null;
                var input = score is { } s ? LeafInput.Rate(s, 1m) : LeafInput.Missing;
                if (row is null)
                {
                    row = new LeafScore { AssessmentYearId = yearId, UnitId = participant.UnitId, NodeId = key.Item2 };
                    db.LeafScores.Add(row);
                    stored[key] = row;
                }
                else if (row.Kind == LeafInputKind.Rate && row.Second > 0m)
                {
                    before += leaf.MaxPoints * row.First / row.Second;
                }

                (row.Kind, row.First, row.Second) = (input.Kind, input.First, input.Second);
                after += leaf.MaxPoints * (score ?? 0m);
            }

            audit.Record(actor, AuditSubjects.SurveyPoints, Points(before), Points(after), reason, yearId, participant.UnitId);
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await results.RecomputeAsync(year, cancellationToken);
        await StoreIntervalsAsync(setup, participants.ToDictionary(p => p.UnitId, p => (p.BlocId, p.FrameworkId!.Value)), frameworks, responses, cancellationToken);
        await db.Years.Where(y => y.Id == yearId).ExecuteUpdateAsync(y => y.SetProperty(x => x.SurveyStaleSince, (DateTimeOffset?)null), cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return new SurveyScoringReport(participants.Count, responses.Sum(g => g.Count()), [.. problems]);
    }

    private async Task StoreIntervalsAsync(SurveySetup setup, Dictionary<int, (int Bloc, int Framework)> participants,
        Dictionary<int, (StoredFramework Framework, Dictionary<string, int> NodeIds)> frameworks, ILookup<int, SurveyResponse> responses,
        CancellationToken cancellationToken)
    {
        var yearId = setup.Year.Id;
        await db.SurveyIntervals.Where(i => i.AssessmentYearId == yearId).ExecuteDeleteAsync(cancellationToken);
        var ranked = await db.UnitResults.AsNoTracking()
            .Where(r => r.AssessmentYearId == yearId && r.Source == ResultSource.Computed && r.ApplicableMaximum > 0m)
            .ToListAsync(cancellationToken);
        var notApplicable = (await db.LeafScores.AsNoTracking()
                .Where(s => s.AssessmentYearId == yearId && s.Kind == LeafInputKind.NotApplicable)
                .Select(s => new { s.UnitId, s.NodeId }).ToListAsync(cancellationToken))
            .Select(s => (s.UnitId, s.NodeId)).ToHashSet();
        var designLeaves = setup.Leaves.Select(l => l.LeafCode).ToHashSet(StringComparer.Ordinal);
        var units = new List<BootstrapUnit>();
        var ids = new List<int>();
        foreach (var row in ranked.Where(r => participants.ContainsKey(r.UnitId)))
        {
            var (bloc, frameworkId) = participants[row.UnitId];
            var (framework, nodeIds) = frameworks[frameworkId];
            var maxima = framework.Framework.Leaves
                .Where(l => l.Component == Component.Survey && designLeaves.Contains(l.Code) && SurveyAdminService.IsSurveyRule(l.Rule!)
                    && !notApplicable.Contains((row.UnitId, nodeIds[l.Code])))
                .ToDictionary(l => l.Code, l => l.MaxPoints, StringComparer.Ordinal);
            units.Add(new BootstrapUnit(row.UnitId.ToString(CultureInfo.InvariantCulture), bloc.ToString(CultureInfo.InvariantCulture),
                row.Appraisal + row.BonusPenalty, row.ApplicableMaximum, maxima, [.. responses[row.UnitId]]));
            ids.Add(row.UnitId);
        }

        if (units.Count == 0 || setup.Leaves.Count == 0)
        {
            return;
        }

        var seed = SeedOf(setup.Year.Year);
        var intervals = SurveyBootstrap.Run(setup.Design, units, new BootstrapOptions(Replicates, seed));
        var now = clock.GetUtcNow();
        for (var i = 0; i < intervals.Count; i++)
        {
            var interval = intervals[i];
            db.SurveyIntervals.Add(new SurveyIntervalRow
            {
                AssessmentYearId = yearId,
                UnitId = int.Parse(interval.Code, CultureInfo.InvariantCulture),
                IndexLow = (decimal)interval.IndexLow,
                IndexHigh = (decimal)interval.IndexHigh,
                RankBest = interval.RankBest,
                RankWorst = interval.RankWorst,
                RobustAgainstNext = interval.RobustAgainstNext,
                Replicates = Replicates,
                Seed = unchecked((long)seed),
                ComputedAt = now,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task<Dictionary<int, (StoredFramework Framework, Dictionary<string, int> NodeIds)>> FrameworksAsync(IEnumerable<int> ids,
        CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        var versions = await db.Frameworks.AsNoTracking().Include(f => f.Nodes).Where(f => wanted.Contains(f.Id)).ToListAsync(cancellationToken);
        return versions.ToDictionary(v => v.Id, v => (StoredFramework.From(v, v.Nodes), v.Nodes.ToDictionary(n => n.Code, n => n.Id, StringComparer.Ordinal)));
    }

    /// <summary>Every submitted respondent of the year by unit, answers in design order.</summary>
    private async Task<ILookup<int, SurveyResponse>> ResponsesAsync(SurveySetup setup, CancellationToken cancellationToken)
    {
        var rows = await db.SurveyRespondents.AsNoTracking()
            .Where(r => r.AssessmentYearId == setup.Year.Id && r.SubmittedAt != null)
            .Select(r => new { r.UnitId, r.GroupId, r.Answers })
            .ToListAsync(cancellationToken);
        return rows.ToLookup(r => r.UnitId, r => new SurveyResponse(setup.GroupsById[r.GroupId].Code, setup.ToDesignOrder(r.Answers)));
    }

    private static string Points(decimal points) => Math.Round(points, 4, MidpointRounding.AwayFromZero).ToString("0.####", CultureInfo.InvariantCulture);
}
