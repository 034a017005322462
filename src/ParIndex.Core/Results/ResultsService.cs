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

    /// <summary>A whole year read on two connections is read in this many ranges of its units (in id order).</summary>
    private const int Ranges = 8;

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
        await ReadAndScoreAsync(year, unitId, units, new Dictionary<int, int> { [unitId] = 0 }, cancellationToken);
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
            await ReadAndScoreAsync(assessment, unitId, units, slot, cancellationToken);
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

    /// <summary>
    /// Every stored leaf score of the year (or of one unit) into its unit's inputs: one projected query,
    /// streamed. A whole year read outside a caller's transaction is read in ranges of its units, on two
    /// connections at once sharing one snapshot (<c>pg_export_snapshot</c>, as pg_dump does): the
    /// rows are decoded on both cores and are still one moment's scores.
    /// </summary>
    private async Task ReadAndScoreAsync(Years.AssessmentYear year, int? unitId, Scored[] units, Dictionary<int, int> slot, CancellationToken cancellationToken)
    {
        if (units.Length == 0)
        {
            return;
        }

        var yearId = year.Id;
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        if (unitId is { } id)
        {
            await ReadRangeAsync(connection, CurrentTransaction(), yearId, id, id, units, slot, cancellationToken);
            Score(year.Year, units);
            return;
        }

        if (db.Database.CurrentTransaction is not null || units.Length < ParallelFrom)
        {
            await ReadRangeAsync(connection, CurrentTransaction(), yearId, int.MinValue, int.MaxValue, units, slot, cancellationToken);
            Score(year.Year, units);
            return;
        }

        await using var other = (NpgsqlConnection)((ICloneable)connection).Clone();
        await other.OpenAsync(cancellationToken);
        await using var mine = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var theirs = await other.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using (var export = new NpgsqlCommand("SELECT pg_export_snapshot()", connection, mine))
        {
            var snapshot = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
            if (!snapshot.All(c => char.IsAsciiHexDigit(c) || c == '-'))
            {
                throw new InvalidOperationException($"Unexpected snapshot name {snapshot}.");
            }

            await using var share = new NpgsqlCommand($"SET TRANSACTION SNAPSHOT '{snapshot}'", other, theirs);
            await share.ExecuteNonQueryAsync(cancellationToken);
        }

        // The units in id ranges of equal size, taken in turn by whichever connection is free: of two fixed
        // halves, one often finished 70 ms after the other (two backends and two decoders share two cores).
        var bounds = new int[Ranges + 1];
        for (var r = 0; r < Ranges; r++)
        {
            bounds[r] = r == 0 ? int.MinValue : units[Start(r)].UnitId; // units are in id order
        }

        bounds[Ranges] = int.MaxValue;
        // Each connection's task scores the range it has just read (the engine is pure; a unit is in one
        // range only) while the other connection's rows are still coming: the year is scored by the time it is read.
        var next = -1;
        async Task DrainAsync(NpgsqlConnection on, NpgsqlTransaction transaction)
        {
            try
            {
                for (var r = Interlocked.Increment(ref next); r < Ranges; r = Interlocked.Increment(ref next))
                {
                    var to = r == Ranges - 1 ? int.MaxValue : bounds[r + 1] - 1;
                    await ReadRangeAsync(on, transaction, yearId, bounds[r], to, units, slot, cancellationToken);
                    Score(year.Year, units.AsSpan(Start(r), Start(r + 1) - Start(r)));
                }
            }
            catch
            {
                Volatile.Write(ref next, Ranges); // the other connection takes no further range: the recompute has failed
                throw;
            }
        }

        int Start(int range) => (int)((long)units.Length * range / Ranges);

        await Task.WhenAll(
            Task.Run(() => DrainAsync(connection, mine), cancellationToken),
            Task.Run(() => DrainAsync(other, theirs), cancellationToken));
    }

    /// <summary>The scores of the units whose ids are in [<paramref name="from"/>, <paramref name="to"/>] into their inputs.</summary>
    private static async Task ReadRangeAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, int yearId, int from, int to,
        Scored[] units, Dictionary<int, int> slot, CancellationToken cancellationToken)
    {
        // A zero part leaves as a null (most inputs have no second part): neither side spends time on a numeric it does not need.
        await using var command = new NpgsqlCommand(
            "SELECT unit_id, node_id, kind, NULLIF(first, 0), NULLIF(second, 0) FROM leaf_scores WHERE assessment_year_id = $1 AND unit_id BETWEEN $2 AND $3",
            connection, transaction);
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = yearId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = from });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = to });
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        var (lastId, unit) = ((int?)null, (Scored?)null); // a unit's rows mostly come together: one lookup for them
        while (await reader.ReadAsync(cancellationToken))
        {
            var unitId = reader.GetInt32(0);
            if (unitId != lastId)
            {
                // each unit is in one range only: two readers never write the same inputs
                (lastId, unit) = (unitId, slot.TryGetValue(unitId, out var i) ? units[i] : null);
            }

            if (unit is null)
            {
                continue; // a unit that is not final (or has no framework) keeps its scores for later
            }

            var leaf = unit.Framework.LeafIndexOf(reader.GetInt32(1));
            if (leaf >= 0)
            {
                unit.Inputs[leaf] = LeafInput.FromParts((LeafInputKind)reader.GetInt16(2),
                    reader.IsDBNull(3) ? 0m : reader.GetDecimal(3), reader.IsDBNull(4) ? 0m : reader.GetDecimal(4));
            }
        }
    }

    /// <summary>Scores the units and rolls up their areas (on every core when there are many).</summary>
    private static void Score(int year, Scored[] units)
    {
        if (units.Length < ParallelFrom)
        {
            Score(year, units.AsSpan());
            return;
        }

        try
        {
            Parallel.ForEach(units, unit => ScoreOne(year, unit));
        }
        catch (AggregateException e) when (e.InnerExceptions.OfType<InvalidOperationException>().FirstOrDefault() is { } refused)
        {
            // The same exception as one core would throw (callers tell the official which unit's scores fail).
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
        }
    }

    private static void Score(int year, Span<Scored> units)
    {
        foreach (var unit in units)
        {
            ScoreOne(year, unit);
        }
    }

    /// <summary>
    /// One unit's result and its areas' totals, rolled up here on the core that scores it, so that the
    /// single writer of the COPY only encodes.
    /// </summary>
    private static void ScoreOne(int year, Scored unit)
    {
        var result = unit.Framework.Framework.TryScore(unit.Inputs, out var errors)
            ?? throw new InvalidOperationException(
                $"Unit {unit.UnitId} of {year} has stored scores that fail their rules: {string.Join("; ", errors)}");
        var count = unit.Framework.Framework.Areas.Count;
        Span<NodeResult> areas = count <= 64 ? stackalloc NodeResult[count] : new NodeResult[count];
        result.CopyAreasTo(areas);
        var applicable = new decimal[count];
        var achieved = new decimal[count];
        for (var a = 0; a < count; a++)
        {
            (applicable[a], achieved[a]) = (areas[a].ApplicableMaximum, areas[a].Achieved);
        }

        (unit.Result, unit.AreaApplicable, unit.AreaAchieved) = (result, applicable, achieved);
    }

    /// <summary>
    /// The upsert into <c>unit_results</c> from a source of computed rows (<c>{0}</c>, aliased <c>c</c>;
    /// $1 the year, $2 the source, $3 the time, $4 the frameworks' area codes, names and maxima as JSON,
    /// once per framework rather than once per unit). A row whose values did not change is left alone,
    /// so its <c>updated_at</c> says when it last changed.
    /// </summary>
    private const string Upsert =
        """
        INSERT INTO unit_results AS r (assessment_year_id, unit_id, appraisal, survey, bonus_penalty, applicable_maximum,
            appraisal_maximum, survey_maximum, source, updated_at,
            area_codes, area_names, area_max_points, area_applicable, area_achieved)
        SELECT $1, c.unit_id, c.appraisal, c.survey, c.bonus_penalty, c.applicable_maximum, c.appraisal_maximum, c.survey_maximum,
            $2, $3, f.area_codes, f.area_names, f.area_max_points, c.area_applicable, c.area_achieved
        FROM {0}
        JOIN jsonb_to_recordset($4::jsonb) AS f(framework int, area_codes text[], area_names text[], area_max_points numeric[])
            ON f.framework = c.framework
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

    /// <summary>A computed row's columns: those of the session table <c>computed_results</c> and of the one-row source.</summary>
    private static readonly string[] RowColumns =
    [
        "unit_id", "framework", "appraisal", "survey", "bonus_penalty", "applicable_maximum", "appraisal_maximum", "survey_maximum",
        "area_applicable", "area_achieved",
    ];

    /// <summary>The SQL types of <see cref="RowColumns"/>.</summary>
    private static readonly string[] RowTypes = ["integer", "integer", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric", "numeric[]", "numeric[]"];

    /// <summary>
    /// Writes one computed row in the order of <see cref="RowColumns"/> (to the COPY, or as the one-row
    /// source's parameters): <paramref name="framework"/> is the unit's framework's place in the JSON of areas.
    /// </summary>
    private static void WriteRow(Scored unit, int framework, Action<int> integer, Action<decimal?> number, Action<decimal[]> numbers)
    {
        var index = unit.Result!.Index;
        integer(unit.UnitId);
        integer(framework);
        number(index.Appraisal);
        number(index.Survey);
        number(index.BonusPenalty);
        number(index.ApplicableMaximum);
        number(index.AppraisalMaximum);
        number(index.SurveyMaximum);
        numbers(unit.AreaApplicable!);
        numbers(unit.AreaAchieved!);
    }

    /// <summary>The area codes, names and maxima of the units' frameworks, as the upsert's $4 reads them; and each framework's place there.</summary>
    private static (string Json, Dictionary<StoredFramework, int> Places) AreasOf(Scored[] units)
    {
        var places = new Dictionary<StoredFramework, int>(ReferenceEqualityComparer.Instance);
        var rows = new List<object>();
        foreach (var unit in units)
        {
            if (places.TryAdd(unit.Framework, places.Count))
            {
                var (codes, names, maxima) = unit.Framework.AreaColumns;
                rows.Add(new { framework = places.Count - 1, area_codes = codes, area_names = names, area_max_points = maxima });
            }
        }

        return (System.Text.Json.JsonSerializer.Serialize(rows), places);
    }

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
            var (areas, places) = AreasOf(units);
            NpgsqlBatchCommand upsert;
            if (units.Length == 1)
            {
                var source = string.Join(", ", RowColumns.Select((column, i) => $"${i + 5}::{RowTypes[i]} AS {column}"));
                upsert = new NpgsqlBatchCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, Upsert, $"(SELECT {source}) c"));
                AddCommon(upsert, areas);
                WriteRow(units[0], 0,
                    value => upsert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = value }),
                    value => upsert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Numeric, Value = value is { } v ? v : DBNull.Value }),
                    value => upsert.Parameters.Add(new NpgsqlParameter<decimal[]> { TypedValue = value }));
                batch.BatchCommands.Add(upsert);
            }
            else
            {
                await using (var create = Command(
                    $"CREATE TEMP TABLE IF NOT EXISTS computed_results ({string.Join(", ", RowColumns.Select((column, i) => $"{column} {RowTypes[i]}"))}) ON COMMIT DELETE ROWS"))
                {
                    await create.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var copy = await connection.BeginBinaryImportAsync("COPY computed_results FROM STDIN (FORMAT BINARY)", cancellationToken))
                {
                    foreach (var unit in units)
                    {
                        copy.StartRow();
                        WriteRow(unit, places[unit.Framework],
                            value => copy.Write(value, NpgsqlDbType.Integer),
                            value =>
                            {
                                if (value is { } v)
                                {
                                    copy.Write(v, NpgsqlDbType.Numeric);
                                }
                                else
                                {
                                    copy.WriteNull();
                                }
                            },
                            value => copy.Write(value, NpgsqlDbType.Array | NpgsqlDbType.Numeric));
                    }

                    await copy.CompleteAsync(cancellationToken);
                }

                upsert = new NpgsqlBatchCommand(string.Format(System.Globalization.CultureInfo.InvariantCulture, Upsert, "computed_results c"));
                AddCommon(upsert, areas);
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

        void AddCommon(NpgsqlBatchCommand upsert, string areas)
        {
            upsert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = yearId });
            upsert.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)ResultSource.Computed });
            upsert.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() });
            upsert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = areas, NpgsqlDbType = NpgsqlDbType.Jsonb });
        }
    }

    private NpgsqlCommand Command(string sql) => new(sql, (NpgsqlConnection)db.Database.GetDbConnection()) { Transaction = CurrentTransaction() };

    private NpgsqlTransaction? CurrentTransaction() => (NpgsqlTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();

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

        /// <summary>The applicable maximum of each of the framework's areas, in their order (set with <see cref="Result"/>).</summary>
        public decimal[]? AreaApplicable { get; set; }

        /// <summary>The achieved points of each area, in their order.</summary>
        public decimal[]? AreaAchieved { get; set; }
    }
}
