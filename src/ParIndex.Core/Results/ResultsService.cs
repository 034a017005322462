using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Scoring;

namespace ParIndex.Core.Results;

/// <summary>
/// Scores finalised units from their stored leaf scores with the engine and saves their results and
/// areas. One unit (a finalisation or an amendment) or the whole year (a survey rescoring): the same
/// path, set-based both ways — the scores are read by one projected query, the results written by
/// one upsert and the areas by one delete and one insert, whatever the number of units. Ranks are not
/// stored; they are computed when the ranking is read, so one unit's change needs nothing else.
/// </summary>
public sealed class ResultsService(ParIndexDbContext db, TimeProvider clock)
{
    /// <summary>Above this many units, the units are scored on every core (the engine is pure).</summary>
    private const int ParallelFrom = 256;

    /// <summary>Recomputes the results of every finalised unit of <paramref name="year"/> that has a framework; returns how many.</summary>
    /// <exception cref="InvalidOperationException">The year does not exist, its results are locked, or stored scores fail their rules.</exception>
    public Task<int> RecomputeAsync(int year, CancellationToken cancellationToken = default) =>
        RecomputeAsync(year, null, cancellationToken);

    /// <summary>
    /// Recomputes the result of one unit of <paramref name="year"/> (when it is finalised and has a
    /// framework); returns 1 if it was, 0 if not. Its bloc is ranked again when the ranking is read.
    /// </summary>
    /// <exception cref="InvalidOperationException">The year does not exist, its results are locked, or the unit's scores fail their rules.</exception>
    public Task<int> RecomputeUnitAsync(int year, int unitId, CancellationToken cancellationToken = default) =>
        RecomputeAsync(year, unitId, cancellationToken);

    private async Task<int> RecomputeAsync(int year, int? unitId, CancellationToken cancellationToken)
    {
        var assessment = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Year == year, cancellationToken)
            ?? throw new InvalidOperationException($"Assessment year {year} does not exist.");
        if (assessment.ResultsLocked)
        {
            throw new InvalidOperationException(await Publishing.ResultsLock.MessageAsync(db, assessment, cancellationToken));
        }

        var participants = await db.YearUnits.AsNoTracking()
            .Where(u => u.AssessmentYearId == assessment.Id && u.FrameworkId != null && u.Status == UnitStatus.Final
                && (unitId == null || u.UnitId == unitId))
            .OrderBy(u => u.UnitId)
            .Select(u => new { u.UnitId, FrameworkId = u.FrameworkId!.Value })
            .ToListAsync(cancellationToken);
        var frameworkIds = participants.Select(p => p.FrameworkId).Distinct().ToList();
        var versions = await db.Frameworks.AsNoTracking().Include(f => f.Nodes)
            .Where(f => frameworkIds.Contains(f.Id))
            .ToListAsync(cancellationToken);
        var frameworks = versions.ToDictionary(v => v.Id, v => StoredFramework.From(v, v.Nodes));

        var units = new Scored[participants.Count];
        var slot = new Dictionary<int, int>(participants.Count);
        for (var i = 0; i < participants.Count; i++)
        {
            var framework = frameworks[participants[i].FrameworkId];
            units[i] = new Scored(participants[i].UnitId, framework, framework.Framework.NewInputs());
            slot.Add(participants[i].UnitId, i);
        }

        var openedHere = db.Database.GetDbConnection().State != System.Data.ConnectionState.Open;
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            await ReadScoresAsync(assessment.Id, unitId, units, slot, cancellationToken);
            Score(year, units);
            await WriteAsync(assessment.Id, unitId, units, cancellationToken);
        }
        finally
        {
            if (openedHere)
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        return units.Length;
    }

    /// <summary>Every stored leaf score of the year (or of one unit) into its unit's inputs: one projected query, streamed.</summary>
    private async Task ReadScoresAsync(int yearId, int? unitId, Scored[] units, Dictionary<int, int> slot, CancellationToken cancellationToken)
    {
        if (units.Length == 0)
        {
            return;
        }

        await using var command = Command(unitId is null
            ? "SELECT unit_id, node_id, kind, first, second FROM leaf_scores WHERE assessment_year_id = $1"
            : "SELECT unit_id, node_id, kind, first, second FROM leaf_scores WHERE assessment_year_id = $1 AND unit_id = $2");
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = yearId });
        if (unitId is { } id)
        {
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = id });
        }

        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (!slot.TryGetValue(reader.GetInt32(0), out var i))
            {
                continue; // a unit that is not final (or has no framework) keeps its scores for later
            }

            var unit = units[i];
            var leaf = unit.Framework.LeafIndexOf(reader.GetInt32(1));
            if (leaf >= 0)
            {
                unit.Inputs[leaf] = LeafInput.FromParts((LeafInputKind)reader.GetInt16(2), reader.GetDecimal(3), reader.GetDecimal(4));
            }
        }
    }

    private static void Score(int year, Scored[] units)
    {
        void One(Scored unit) => unit.Result = unit.Framework.Framework.TryScore(unit.Inputs, out var errors)
            ?? throw new InvalidOperationException(
                $"Unit {unit.UnitId} of {year} has stored scores that fail their rules: {string.Join("; ", errors)}");

        if (units.Length >= ParallelFrom)
        {
            Parallel.ForEach(units, One);
        }
        else
        {
            foreach (var unit in units)
            {
                One(unit);
            }
        }
    }

    /// <summary>
    /// The results by one upsert, the areas by one delete and one insert, in one round trip and in the
    /// caller's transaction (or one of its own).
    /// </summary>
    private async Task WriteAsync(int yearId, int? unitId, Scored[] units, CancellationToken cancellationToken)
    {
        if (units.Length == 0)
        {
            return;
        }

        var n = units.Length;
        var unitIds = new int[n];
        var appraisal = new decimal[n];
        var survey = new decimal[n];
        var bonus = new decimal[n];
        var applicable = new decimal[n];
        var appraisalMaximum = new decimal?[n];
        var surveyMaximum = new decimal?[n];
        var areaCount = units.Sum(u => u.Framework.Framework.Areas.Count);
        var areaUnit = new int[areaCount];
        var areaCode = new string[areaCount];
        var areaName = new string[areaCount];
        var areaPosition = new int[areaCount];
        var areaMax = new decimal[areaCount];
        var areaApplicable = new decimal[areaCount];
        var areaAchieved = new decimal[areaCount];
        var a = 0;
        for (var i = 0; i < n; i++)
        {
            var unit = units[i];
            var index = unit.Result!.Index;
            (unitIds[i], appraisal[i], survey[i], bonus[i], applicable[i], appraisalMaximum[i], surveyMaximum[i]) =
                (unit.UnitId, index.Appraisal, index.Survey, index.BonusPenalty, index.ApplicableMaximum, index.AppraisalMaximum, index.SurveyMaximum);
            foreach (var area in AreasOf(unit.Result, yearId, unit.UnitId))
            {
                (areaUnit[a], areaCode[a], areaName[a], areaPosition[a], areaMax[a], areaApplicable[a], areaAchieved[a]) =
                    (area.UnitId, area.AreaCode, area.AreaName, area.Position, area.MaxPoints, area.ApplicableMaximum, area.Achieved);
                a++;
            }
        }

        var transaction = db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(cancellationToken)
            : null;
        await using (transaction)
        {
            await using var batch = new NpgsqlBatch((NpgsqlConnection)db.Database.GetDbConnection())
            {
                Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
            };
            batch.BatchCommands.Add(Statement(
                """
                INSERT INTO unit_results (assessment_year_id, unit_id, appraisal, survey, bonus_penalty, applicable_maximum,
                    appraisal_maximum, survey_maximum, source, updated_at)
                SELECT $1, u.*, $9, $10 FROM unnest($2, $3, $4, $5, $6, $7, $8) AS u
                ON CONFLICT (assessment_year_id, unit_id) DO UPDATE SET
                    appraisal = EXCLUDED.appraisal, survey = EXCLUDED.survey, bonus_penalty = EXCLUDED.bonus_penalty,
                    applicable_maximum = EXCLUDED.applicable_maximum, appraisal_maximum = EXCLUDED.appraisal_maximum,
                    survey_maximum = EXCLUDED.survey_maximum, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at
                """,
                Value(yearId), Value(unitIds), Value(appraisal), Value(survey), Value(bonus), Value(applicable),
                Value(appraisalMaximum), Value(surveyMaximum), Value((short)ResultSource.Computed), Value(clock.GetUtcNow())));
            batch.BatchCommands.Add(unitId is { } one
                ? Statement("DELETE FROM unit_area_results WHERE assessment_year_id = $1 AND unit_id = $2", Value(yearId), Value(one))
                : Statement("DELETE FROM unit_area_results WHERE assessment_year_id = $1 AND unit_id = ANY($2)", Value(yearId), Value(unitIds)));
            batch.BatchCommands.Add(Statement(
                """
                INSERT INTO unit_area_results (assessment_year_id, unit_id, area_code, area_name, position, max_points, applicable_maximum, achieved)
                SELECT $1, a.* FROM unnest($2, $3, $4, $5, $6, $7, $8) AS a
                """,
                Value(yearId), Value(areaUnit), Value(areaCode), Value(areaName), Value(areaPosition), Value(areaMax),
                Value(areaApplicable), Value(areaAchieved)));
            await batch.ExecuteNonQueryAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
    }

    private NpgsqlCommand Command(string sql) => new(sql, (NpgsqlConnection)db.Database.GetDbConnection())
    {
        Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
    };

    private static NpgsqlBatchCommand Statement(string sql, params NpgsqlParameter[] parameters)
    {
        var statement = new NpgsqlBatchCommand(sql);
        statement.Parameters.AddRange(parameters);
        return statement;
    }

    private static NpgsqlParameter Value<T>(T value) => new NpgsqlParameter<T> { TypedValue = value };

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

    /// <summary>One unit being scored: its framework, the inputs read for it, then its result.</summary>
    private sealed class Scored(int unitId, StoredFramework framework, LeafInput[] inputs)
    {
        public int UnitId { get; } = unitId;

        public StoredFramework Framework { get; } = framework;

        public LeafInput[] Inputs { get; } = inputs;

        public UnitResult? Result { get; set; }
    }
}
