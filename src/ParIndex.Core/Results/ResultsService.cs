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
/// path, set-based both ways — the scores are read by one projected query and the results (areas in
/// arrays beside them) written by one binary COPY and one upsert, whatever the number of units. Ranks
/// are not stored; they are computed when the ranking is read, so one unit's change needs nothing else.
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

    /// <summary>
    /// The workflow's own call for a unit it has just finalised or amended, in its transaction: the year
    /// and the unit's framework are already loaded and checked by the caller (the database refuses a locked year).
    /// </summary>
    internal async Task RecomputeUnitAsync(Years.AssessmentYear year, int unitId, StoredFramework framework, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A unit's result is recomputed in the transaction that changed its scores.");
        }

        var units = new[] { new Scored(unitId, framework, framework.Framework.NewInputs()) };
        await ReadScoresAsync(year.Id, unitId, units, new Dictionary<int, int> { [unitId] = 0 }, cancellationToken);
        Score(year.Year, units);
        await WriteAsync(year.Id, units, cancellationToken);
    }

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
            await WriteAsync(assessment.Id, units, cancellationToken);
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
    /// The upsert into <c>unit_results</c> from a source of computed rows (<c>{0}</c>, aliased <c>c</c>;
    /// $1 the year, $2 the source, $3 the time). A row whose values did not change is left alone, so its
    /// <c>updated_at</c> says when it last changed.
    /// </summary>
    private const string Upsert =
        """
        INSERT INTO unit_results AS r (assessment_year_id, unit_id, appraisal, survey, bonus_penalty, applicable_maximum,
            appraisal_maximum, survey_maximum, source, updated_at,
            area_codes, area_names, area_max_points, area_applicable, area_achieved)
        SELECT $1, c.unit_id, c.appraisal, c.survey, c.bonus_penalty, c.applicable_maximum, c.appraisal_maximum, c.survey_maximum,
            $2, $3, c.area_codes, c.area_names, c.area_max_points, c.area_applicable, c.area_achieved
        FROM {0}
        ON CONFLICT (assessment_year_id, unit_id) DO UPDATE SET
            appraisal = EXCLUDED.appraisal, survey = EXCLUDED.survey, bonus_penalty = EXCLUDED.bonus_penalty,
            applicable_maximum = EXCLUDED.applicable_maximum, appraisal_maximum = EXCLUDED.appraisal_maximum,
            survey_maximum = EXCLUDED.survey_maximum, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at,
            area_codes = EXCLUDED.area_codes, area_names = EXCLUDED.area_names, area_max_points = EXCLUDED.area_max_points,
            area_applicable = EXCLUDED.area_applicable, area_achieved = EXCLUDED.area_achieved
        WHERE (r.appraisal, r.survey, r.bonus_penalty, r.applicable_maximum, r.appraisal_maximum, r.survey_maximum, r.source,
                r.area_codes, r.area_names, r.area_max_points, r.area_applicable, r.area_achieved)
            IS DISTINCT FROM (EXCLUDED.appraisal, EXCLUDED.survey, EXCLUDED.bonus_penalty, EXCLUDED.applicable_maximum,
                EXCLUDED.appraisal_maximum, EXCLUDED.survey_maximum, EXCLUDED.source,
                EXCLUDED.area_codes, EXCLUDED.area_names, EXCLUDED.area_max_points, EXCLUDED.area_applicable, EXCLUDED.area_achieved)
        """;

    /// <summary>One computed row, in the order of <see cref="RowColumns"/>.</summary>
    private static object?[] RowOf(Scored unit)
    {
        var index = unit.Result!.Index;
        var areas = unit.Framework.Framework.Areas;
        var (codes, names, maxima) = unit.Framework.AreaColumns;
        return
        [
            unit.UnitId, index.Appraisal, index.Survey, index.BonusPenalty, index.ApplicableMaximum, index.AppraisalMaximum, index.SurveyMaximum,
            codes, names, maxima,
            areas.Select(a => unit.Result[a].ApplicableMaximum).ToArray(), areas.Select(a => unit.Result[a].Achieved).ToArray(),
        ];
    }

    /// <summary>The types of <see cref="RowColumns"/>.</summary>
    private static readonly NpgsqlDbType[] RowTypes =
    [
        NpgsqlDbType.Integer, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric, NpgsqlDbType.Numeric,
        NpgsqlDbType.Numeric, NpgsqlDbType.Array | NpgsqlDbType.Text, NpgsqlDbType.Array | NpgsqlDbType.Text,
        NpgsqlDbType.Array | NpgsqlDbType.Numeric, NpgsqlDbType.Array | NpgsqlDbType.Numeric, NpgsqlDbType.Array | NpgsqlDbType.Numeric,
    ];

    /// <summary>A computed row's columns: those of the session table <c>computed_results</c> and of the one-row source.</summary>
    private static readonly string[] RowColumns =
    [
        "unit_id", "appraisal", "survey", "bonus_penalty", "applicable_maximum", "appraisal_maximum", "survey_maximum",
        "area_codes", "area_names", "area_max_points", "area_applicable", "area_achieved",
    ];

    /// <summary>
    /// The results, their areas in arrays beside them (M0009), by one upsert; in the caller's transaction,
    /// or one of its own. One unit (a finalisation, an amendment): its row as the statement's parameters,
    /// one round trip. More: binary COPY into a session table, then the upsert from it.
    /// </summary>
    private async Task WriteAsync(int yearId, Scored[] units, CancellationToken cancellationToken)
    {
        if (units.Length == 0)
        {
            return;
        }

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        await using (transaction)
        {
            await using var batch = new NpgsqlBatch(connection) { Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction() };
            NpgsqlBatchCommand upsert;
            if (units.Length == 1)
            {
                var source = string.Join(", ", RowColumns.Select((column, i) => $"${i + 4}::{TypeName(RowTypes[i])} AS {column}"));
                upsert = new NpgsqlBatchCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, Upsert, $"(SELECT {source}) c"));
                AddCommon(upsert);
                var row = RowOf(units[0]);
                for (var i = 0; i < row.Length; i++)
                {
                    upsert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = RowTypes[i], Value = row[i] ?? DBNull.Value });
                }

                batch.BatchCommands.Add(upsert);
            }
            else
            {
                await using (var create = Command(
                    $"CREATE TEMP TABLE IF NOT EXISTS computed_results ({string.Join(", ", RowColumns.Select((column, i) => $"{column} {TypeName(RowTypes[i])}"))}) ON COMMIT DELETE ROWS"))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var copy = await connection.BeginBinaryImportAsync("COPY computed_results FROM STDIN (FORMAT BINARY)", cancellationToken))
                {
                    foreach (var unit in units)
                    {
                        var row = RowOf(unit);
                        copy.StartRow();
                        for (var i = 0; i < row.Length; i++)
                        {
                            if (row[i] is { } value)
                            {
                                copy.Write(value, RowTypes[i]);
                            }
                            else
                            {
                                copy.WriteNull();
                            }
                        }
                    }

                    await copy.CompleteAsync(cancellationToken);
                }

                upsert = new NpgsqlBatchCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, Upsert, "computed_results c"));
                AddCommon(upsert);
                batch.BatchCommands.Add(upsert);
                // Emptied at once, not only at commit (a caller's longer transaction may recompute again): same round trip.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("DELETE FROM computed_results"));
            }

            await batch.ExecuteNonQueryAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        void AddCommon(NpgsqlBatchCommand upsert)
        {
            upsert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = yearId });
            upsert.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)ResultSource.Computed });
            upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
        }
    }

    /// <summary>A row column's type in SQL (the session table's columns and the one-row source's casts).</summary>
    private static string TypeName(NpgsqlDbType type) => type switch
    {
        NpgsqlDbType.Integer => "integer",
        NpgsqlDbType.Numeric => "numeric",
        NpgsqlDbType.Array | NpgsqlDbType.Text => "text[]",
        _ => "numeric[]",
    };

    private NpgsqlCommand Command(string sql) => new(sql, (NpgsqlConnection)db.Database.GetDbConnection())
    {
        Transaction = (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction(),
    };

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
