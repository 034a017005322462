using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using ParIndex.Core.Results;
using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Surveys;

/// <summary>
/// Imports survey responses from CSV or XLSX: one row per respondent with the unit's code, the group,
/// an optional respondent id, then one column per question code. All or nothing: every bad row and
/// cell is reported with its line and column, and nothing is stored until the file is clean. The same
/// file (SHA-256) is never imported twice, and a respondent id already stored with the same answers is
/// skipped, so re-importing never double-counts. Rows are written with PostgreSQL's binary COPY.
/// </summary>
public sealed class SurveyImportService(ParIndexDbContext db, SurveyScoringService scoring, TimeProvider clock)
{
    /// <summary>At most this many problems are listed (all are counted).</summary>
    public const int MaxListedErrors = 1000;

    private enum Field
    {
        Unit,
        Group,
        Respondent,
    }

    private static readonly Dictionary<string, Field> Headers = new(StringComparer.Ordinal)
    {
        ["mã đơn vị"] = Field.Unit,
        ["ma_don_vi"] = Field.Unit,
        ["đơn vị"] = Field.Unit,
        ["unit"] = Field.Unit,
        ["unit code"] = Field.Unit,
        ["nhóm"] = Field.Group,
        ["nhom"] = Field.Group,
        ["đối tượng"] = Field.Group,
        ["nhóm đối tượng"] = Field.Group,
        ["group"] = Field.Group,
        ["mã phiếu"] = Field.Respondent,
        ["ma_phieu"] = Field.Respondent,
        ["số phiếu"] = Field.Respondent,
        ["respondent"] = Field.Respondent,
        ["respondent id"] = Field.Respondent,
    };

    private static readonly HashSet<string> DontKnow = new(StringComparer.Ordinal) { "kb", "không biết", "khong biet", "dk", "don't know", "?" };
    private static readonly HashSet<string> Yes = new(StringComparer.Ordinal) { "1", "có", "co", "yes", "y" };
    private static readonly HashSet<string> No = new(StringComparer.Ordinal) { "0", "không", "khong", "no", "n" };

    private sealed record Parsed(int Line, int UnitId, int GroupId, string Key, short[] Answers);

    /// <summary>Checks a file and, when it is clean, stores its respondents and (unless <paramref name="score"/> is false) rescores the year.</summary>
    public async Task<SurveyImportOutcome> ImportAsync(Actor? actor, int year, string fileName, byte[] content, bool score = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream(content, writable: false);
        return await ImportAsync(actor, year, fileName, stream, score, cancellationToken);
    }

    /// <summary>
    /// Checks a file and, when it is clean, stores its respondents and (unless <paramref name="score"/> is false)
    /// rescores the year. The file is read twice (its SHA-256, then its rows) and never held whole:
    /// <paramref name="content"/> must be seekable (an uploaded file, a file on disk).
    /// </summary>
    public async Task<SurveyImportOutcome> ImportAsync(Actor? actor, int year, string fileName, Stream content, bool score = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!content.CanSeek)
        {
            throw new ArgumentException("The survey file must be seekable.", nameof(content));
        }
        fileName = Path.GetFileName(string.IsNullOrWhiteSpace(fileName) ? "responses.csv" : fileName);
        var errors = new List<ImportError>();
        var total = 0;
        void Error(int line, string? column, string message)
        {
            total++;
            if (errors.Count < MaxListedErrors)
            {
                errors.Add(new ImportError(fileName, line, column, message));
            }
        }

        var setup = await SurveySetup.LoadAsync(db, year, cancellationToken);
        if (setup is null || setup.Questions.Count == 0)
        {
            Error(0, null, Messages.Get(setup is null ? "YearNotFound" : "SurveyNoQuestionnaire", year));
            return SurveyImportOutcome.Refused(errors, total);
        }

        if (setup.Year.ResultsLocked)
        {
            Error(0, null, await Publishing.ResultsLock.MessageAsync(db, setup.Year, cancellationToken));
            return SurveyImportOutcome.Refused(errors, total);
        }

        content.Position = 0;
        var sha = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
        content.Position = 0;
        var previous = await db.SurveyImports.AsNoTracking().SingleOrDefaultAsync(i => i.AssessmentYearId == setup.Year.Id && i.Sha256 == sha, cancellationToken);
        if (previous is not null)
        {
            // Nothing to add; but if the points were left out of date (stored with --no-score, or cut short), finish them now.
            var repair = score && setup.Year.SurveyStaleSince is not null
                ? await scoring.ScoreAsync(actor, year, Messages.Get("SurveyImportReason", fileName), cancellationToken)
                : null;
            return new SurveyImportOutcome([], 0, 0, 0, previous, repair);
        }

        // Rows go to PostgreSQL as they are read and checked (binary COPY on a second thread, fed through a
        // bounded channel), so reading the file and writing it overlap, and the rows' answers are held a few
        // batches at a time instead of all at once. The first error stops the writing; the file is still read to the end to list every
        // problem, and the transaction (import row and COPY) is rolled back: all or nothing.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(8074, {year})", cancellationToken);
        previous = await db.SurveyImports.AsNoTracking().SingleOrDefaultAsync(i => i.AssessmentYearId == setup.Year.Id && i.Sha256 == sha, cancellationToken);
        if (previous is not null)
        {
            return new SurveyImportOutcome([], 0, 0, 0, previous, null);
        }

        var existing = await ExistingAsync(setup.Year.Id, cancellationToken);
        var units = await db.YearUnits.AsNoTracking().Where(u => u.AssessmentYearId == setup.Year.Id)
            .Select(u => new { u.UnitId, u.Unit!.Code }).ToDictionaryAsync(u => u.Code, u => u.UnitId, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var now = clock.GetUtcNow();
        var import = new SurveyImport
        {
            AssessmentYearId = setup.Year.Id, FileName = fileName, Sha256 = sha, ImportedAt = now, ImportedBy = actor?.UserId,
        };
        db.SurveyImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);

        var (fresh, already, parsed) = (0, 0, 0);
        await using (var copy = new RespondentCopy((NpgsqlConnection)db.Database.GetDbConnection(), setup.Year.Id, import.Id, now))
        {
            await copy.StartAsync(cancellationToken);
            var copying = copy.RunAsync(cancellationToken);
            try
            {
                parsed = await Task.Run(() => Parse(setup, units, sha, content, row =>
                {
                    if (!existing.TryGetValue(row.Key, out var stored))
                    {
                        fresh++;
                        if (total == 0)
                        {
                            copy.Add(row);
                        }
                    }
                    else if (stored.UnitId == row.UnitId && stored.GroupId == row.GroupId && SameAnswers(stored.Answers, row.Answers))
                    {
                        already++;
                    }
                    else
                    {
                        Error(row.Line, null, Messages.Get("SurveyRespondentConflict", row.Key));
                    }
                }, Error), cancellationToken);
            }
            finally
            {
                copy.Finish();
                await copying;
            }

            if (total == 0 && parsed == 0)
            {
                Error(1, null, Messages.Get("SurveyFileEmpty"));
            }

            if (total > 0)
            {
                return SurveyImportOutcome.Refused(errors, total); // the COPY is cancelled, the transaction rolled back
            }

            await copy.CompleteAsync(cancellationToken);
        }

        (import.Respondents, import.AlreadyPresent) = (fresh, already);
        await db.SaveChangesAsync(cancellationToken);

        // The points are computed in the import's transaction: a crash leaves neither, never rows without their points.
        SurveyScoringReport? report = null;
        if (fresh > 0 && score)
        {
            report = await scoring.ScoreAsync(actor, year, Messages.Get("SurveyImportReason", fileName), cancellationToken);
        }
        else if (fresh > 0)
        {
            await SurveyScoringService.MarkStaleAsync(db, setup.Year.Id, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SurveyImportOutcome([], 0, fresh, already, null, report);
    }

    /// <summary>Reads and checks the file row by row; each good row goes to <paramref name="accept"/> as soon as it is read. Returns how many.</summary>
    private static int Parse(SurveySetup setup, Dictionary<string, int> units, string sha, Stream content, Action<Parsed> accept,
        Action<int, string?, string> error)
    {
        var accepted = 0;
        var groups = new Dictionary<string, SurveyGroup>(StringComparer.Ordinal);
        var asStored = new Dictionary<string, SurveyGroup>(StringComparer.Ordinal); // a group written as set up: no need to normalise it
        foreach (var group in setup.Groups)
        {
            groups[ResultsTable.Key(group.Code)] = group;
            groups.TryAdd(ResultsTable.Key(group.Name), group);
            asStored[group.Code] = group;
            asStored.TryAdd(group.Name, group);
        }

        var questionsByCode = setup.Questions.ToDictionary(q => q.Code, StringComparer.OrdinalIgnoreCase);
        IEnumerator<TabularFile.Row> rows;
        try
        {
            rows = TabularFile.Rows(content, TabularLimits.Survey).GetEnumerator();
        }
        catch (TabularFileException e)
        {
            error(e.Line, e.Column, e.Message);
            return accepted;
        }

        using (rows)
        {
            TabularFile.Row? header = null;
            var fields = new Dictionary<Field, int>();
            var questions = new List<(int Column, SurveyQuestionRow Question)>();
            var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
            while (Next(rows, error))
            {
                var row = rows.Current;
                if (row.Cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }

                if (header is null)
                {
                    header = row;
                    MapHeader(row, questionsByCode, fields, questions, error);
                    if (!fields.ContainsKey(Field.Unit) || !fields.ContainsKey(Field.Group) || questions.Count == 0)
                    {
                        return accepted;
                    }

                    continue;
                }

                string Column(int index) => $"{TabularFile.ColumnLetter(index)} '{header.Cells[index]?.Trim()}'";
                string Cell(int index) => index < row.Cells.Length ? row.Cells[index]?.Trim() ?? "" : "";
                var ok = true;

                var unitCode = Cell(fields[Field.Unit]);
                if (!units.TryGetValue(unitCode, out var unitId))
                {
                    error(row.Line, Column(fields[Field.Unit]), Messages.Get(unitCode.Length == 0 ? "SurveyUnitMissing" : "SurveyUnitUnknown", unitCode, setup.Year.Year));
                    ok = false;
                }

                var groupText = Cell(fields[Field.Group]);
                if (!asStored.TryGetValue(groupText, out var group) && !groups.TryGetValue(ResultsTable.Key(groupText), out group))
                {
                    error(row.Line, Column(fields[Field.Group]), Messages.Get("SurveyGroupUnknownIn", groupText, string.Join(", ", setup.Groups.Select(g => g.Code))));
                    ok = false;
                }

                string key;
                if (fields.TryGetValue(Field.Respondent, out var keyColumn))
                {
                    key = Cell(keyColumn);
                    if (key.Length == 0 || key.Length > 100 || key.StartsWith("online:", StringComparison.OrdinalIgnoreCase))
                    {
                        error(row.Line, Column(keyColumn), Messages.Get("SurveyRespondentInvalid", key));
                        ok = false;
                    }
                    else if (!firstLineOf.TryAdd(key, row.Line))
                    {
                        error(row.Line, Column(keyColumn), Messages.Get("SurveyRespondentTwice", key, firstLineOf[key]));
                        ok = false;
                    }
                }
                else
                {
                    key = string.Create(CultureInfo.InvariantCulture, $"{sha[..16]}:{row.Line}");
                }

                var answers = setup.EmptyAnswers();
                var answered = false;
                foreach (var (index, question) in questions)
                {
                    var text = Cell(index);
                    if (text.Length == 0)
                    {
                        continue;
                    }

                    if (group is not null && question.GroupId != group.Id)
                    {
                        error(row.Line, Column(index), Messages.Get("SurveyQuestionOtherGroup", question.Code, setup.GroupsById[question.GroupId].Code));
                        ok = false;
                        continue;
                    }

                    if (Answer(question, text) is { } value)
                    {
                        answers[question.Position] = value;
                        answered |= SurveyQuestion.IsGiven(value);
                    }
                    else
                    {
                        error(row.Line, Column(index), Messages.Get("SurveyAnswerInvalid", text, question.Code, Accepted(question)));
                        ok = false;
                    }
                }

                if (ok && !answered)
                {
                    error(row.Line, null, Messages.Get("SurveyRowNoAnswers"));
                    ok = false;
                }

                if (ok)
                {
                    accepted++;
                    accept(new Parsed(row.Line, unitId, group!.Id, key, answers));
                }
            }

            if (header is null)
            {
                error(1, null, Messages.Get("SurveyFileEmpty"));
            }
        }

        return accepted;
    }

    private static bool Next(IEnumerator<TabularFile.Row> rows, Action<int, string?, string> error)
    {
        try
        {
            return rows.MoveNext();
        }
        catch (TabularFileException e)
        {
            error(e.Line, e.Column, e.Message);
            return false;
        }
    }

    private static void MapHeader(TabularFile.Row header, Dictionary<string, SurveyQuestionRow> questionsByCode, Dictionary<Field, int> fields,
        List<(int Column, SurveyQuestionRow Question)> questions, Action<int, string?, string> error)
    {
        var seen = new Dictionary<int, int>();
        for (var i = 0; i < header.Cells.Length; i++)
        {
            var text = header.Cells[i]?.Trim() ?? "";
            var column = $"{TabularFile.ColumnLetter(i)} '{text}'";
            if (text.Length == 0)
            {
                continue;
            }

            if (Headers.TryGetValue(ResultsTable.Key(text), out var field))
            {
                if (!fields.TryAdd(field, i))
                {
                    error(header.Line, column, Messages.Get("SurveyColumnTwice", text, TabularFile.ColumnLetter(fields[field])));
                }
            }
            else if (questionsByCode.TryGetValue(text, out var question))
            {
                if (!seen.TryAdd(question.Id, i))
                {
                    error(header.Line, column, Messages.Get("SurveyColumnTwice", text, TabularFile.ColumnLetter(seen[question.Id])));
                }
                else
                {
                    questions.Add((i, question));
                }
            }
            else
            {
                error(header.Line, column, Messages.Get("SurveyQuestionUnknown", text));
            }
        }

        if (!fields.ContainsKey(Field.Unit))
        {
            error(header.Line, null, Messages.Get("SurveyColumnMissing", "mã đơn vị / unit"));
        }

        if (!fields.ContainsKey(Field.Group))
        {
            error(header.Line, null, Messages.Get("SurveyColumnMissing", "nhóm / group"));
        }

        if (questions.Count == 0)
        {
            error(header.Line, null, Messages.Get("SurveyNoQuestionColumns"));
        }
    }

    /// <summary>A cell's answer as stored, or null when the question does not take it.</summary>
    internal static short? Answer(SurveyQuestionRow question, string text)
    {
        // Most cells are a plain number ("3"): read as the general path below would, without normalising
        // the text first (a million-row file has tens of millions of them). A leading zero takes the
        // general path, where "01" is not "yes".
        if (text.Length is > 0 and <= 4 && (text.Length == 1 || text[0] != '0') && !text.AsSpan().ContainsAnyExceptInRange('0', '9'))
        {
            var plain = int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture);
            if (question.Kind == QuestionKind.YesNo)
            {
                return plain is 0 or 1 ? (short)plain : null;
            }

            var option = question.Kind == QuestionKind.Choice ? plain - 1 : plain;
            return option >= question.Lowest && option <= question.Highest ? (short)option : null;
        }

        return AnswerOfText(question, text);
    }

    /// <summary>An answer as written in any accepted way (normalised: "Có", " KB ", "3,0"); null when not valid for the question.</summary>
    internal static short? AnswerOfText(SurveyQuestionRow question, string text)
    {
        var key = ResultsTable.Key(text);
        if (DontKnow.Contains(key))
        {
            return question.AllowsDontKnow ? SurveyQuestion.DontKnow : null;
        }

        if (question.Kind == QuestionKind.YesNo)
        {
            return Yes.Contains(key) ? (short)1 : No.Contains(key) ? (short)0 : null;
        }

        if (!decimal.TryParse(key.Replace(',', '.'), NumberStyles.AllowLeadingWhite | NumberStyles.AllowTrailingWhite | NumberStyles.AllowDecimalPoint,
                CultureInfo.InvariantCulture, out var number) || number % 1m != 0m || number > short.MaxValue)
        {
            return null;
        }

        // A choice is written as its option's number, from 1; it is stored as the option's index.
        var value = question.Kind == QuestionKind.Choice ? (int)number - 1 : (int)number;
        return value >= question.Lowest && value <= question.Highest ? (short)value : null;
    }

    /// <summary>
    /// Whether a stored respondent has the answers of a row again. "Don't know" was stored as no answer
    /// before it had a code of its own, so the two count as the same here: a file imported then is still
    /// recognised, not refused as a conflict.
    /// </summary>
    internal static bool SameAnswers(short[] stored, short[] row)
    {
        if (stored.Length != row.Length)
        {
            return false;
        }

        for (var i = 0; i < row.Length; i++)
        {
            if (stored[i] != row[i] && !(SurveyQuestion.IsMissing(stored[i]) && SurveyQuestion.IsMissing(row[i])))
            {
                return false;
            }
        }

        return true;
    }

    private static string Accepted(SurveyQuestionRow question) => question.Kind switch
    {
        QuestionKind.YesNo => "1/0",
        QuestionKind.Choice => string.Create(CultureInfo.InvariantCulture, $"1..{question.Highest + 1}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{question.Lowest}..{question.Highest}"),
    } + (question.AllowsDontKnow ? ", KB" : "");

    private async Task<Dictionary<string, (int UnitId, int GroupId, short[] Answers)>> ExistingAsync(int yearId, CancellationToken cancellationToken)
    {
        var rows = await db.SurveyRespondents.AsNoTracking().Where(r => r.AssessmentYearId == yearId)
            .Select(r => new { r.RespondentKey, r.UnitId, r.GroupId, r.Answers }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.RespondentKey, r => (r.UnitId, r.GroupId, r.Answers), StringComparer.Ordinal);
    }

    /// <summary>
    /// The binary COPY of new respondents, written on its own task from batches handed over by the reader.
    /// Disposed without <see cref="CompleteAsync"/>, the COPY is cancelled.
    /// </summary>
    private sealed class RespondentCopy(NpgsqlConnection connection, int yearId, int importId, DateTimeOffset now) : IAsyncDisposable
    {
        private const int BatchSize = 2048;
        private readonly System.Threading.Channels.Channel<List<Parsed>> _batches =
            System.Threading.Channels.Channel.CreateBounded<List<Parsed>>(new System.Threading.Channels.BoundedChannelOptions(8) { SingleReader = true, SingleWriter = true });
        private NpgsqlBinaryImporter? _writer;
        private List<Parsed> _batch = new(BatchSize);

        public async Task StartAsync(CancellationToken cancellationToken) => _writer = await connection.BeginBinaryImportAsync(
            "COPY survey_respondents (assessment_year_id, unit_id, group_id, respondent_key, import_id, answers, updated_at, submitted_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);

        /// <summary>From the reading thread: waits while the writer is eight batches behind.</summary>
        public void Add(Parsed row)
        {
            _batch.Add(row);
            if (_batch.Count == BatchSize)
            {
                Hand(_batch);
                _batch = new List<Parsed>(BatchSize);
            }
        }

        /// <summary>From the reading thread: nothing more will come.</summary>
        public void Finish()
        {
            if (_batch.Count > 0)
            {
                Hand(_batch);
                _batch = [];
            }

            _batches.Writer.TryComplete();
        }

        /// <summary>
        /// Writes every batch as it comes. Buffered synchronous writes: only a full buffer goes to the
        /// server (a million rows × 8 values through async calls cost seconds on their own).
        /// </summary>
        public Task RunAsync(CancellationToken cancellationToken) => Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in _batches.Reader.ReadAllAsync(cancellationToken))
                {
                    foreach (var row in batch)
                    {
                        _writer!.StartRow();
                        _writer.Write(yearId, NpgsqlDbType.Integer);
                        _writer.Write(row.UnitId, NpgsqlDbType.Integer);
                        _writer.Write(row.GroupId, NpgsqlDbType.Integer);
                        _writer.Write(row.Key, NpgsqlDbType.Text);
                        _writer.Write(importId, NpgsqlDbType.Integer);
                        _writer.Write(row.Answers, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
                        _writer.Write(now, NpgsqlDbType.TimestampTz);
                        _writer.Write(now, NpgsqlDbType.TimestampTz);
                    }
                }
            }
            catch
            {
                _batches.Writer.TryComplete(); // the reader stops waiting; the error surfaces where the task is awaited
                throw;
            }
        }, cancellationToken);

        public async Task CompleteAsync(CancellationToken cancellationToken) => await _writer!.CompleteAsync(cancellationToken);

        public async ValueTask DisposeAsync()
        {
            if (_writer is not null)
            {
                await _writer.DisposeAsync();
            }
        }

        private void Hand(List<Parsed> batch)
        {
            if (!_batches.Writer.TryWrite(batch))
            {
                // Full: wait for the writer. A completed channel (the writer failed) refuses; its error is raised when awaited.
                _ = _batches.Writer.WaitToWriteAsync().AsTask().GetAwaiter().GetResult() && _batches.Writer.TryWrite(batch);
            }
        }
    }
}
