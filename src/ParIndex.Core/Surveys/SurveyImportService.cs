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

        var parsed = await ParseAsync(setup, fileName, sha, content, Error, cancellationToken);
        if (total == 0 && parsed.Count == 0)
        {
            Error(1, null, Messages.Get("SurveyFileEmpty"));
        }

        if (total > 0)
        {
            return SurveyImportOutcome.Refused(errors, total);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(8074, {year})", cancellationToken);
        previous = await db.SurveyImports.AsNoTracking().SingleOrDefaultAsync(i => i.AssessmentYearId == setup.Year.Id && i.Sha256 == sha, cancellationToken);
        if (previous is not null)
        {
            return new SurveyImportOutcome([], 0, 0, 0, previous, null);
        }

        var existing = await ExistingAsync(setup.Year.Id, cancellationToken);
        var fresh = new List<Parsed>(parsed.Count);
        var already = 0;
        foreach (var row in parsed)
        {
            if (!existing.TryGetValue(row.Key, out var stored))
            {
                fresh.Add(row);
            }
            else if (stored.UnitId == row.UnitId && stored.GroupId == row.GroupId && SameAnswers(stored.Answers, row.Answers))
            {
                already++;
            }
            else
            {
                Error(row.Line, null, Messages.Get("SurveyRespondentConflict", row.Key));
            }
        }

        if (total > 0)
        {
            return SurveyImportOutcome.Refused(errors, total);
        }

        var now = clock.GetUtcNow();
        var import = new SurveyImport
        {
            AssessmentYearId = setup.Year.Id, FileName = fileName, Sha256 = sha, Respondents = fresh.Count, AlreadyPresent = already,
            ImportedAt = now, ImportedBy = actor?.UserId,
        };
        db.SurveyImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        await CopyAsync(setup.Year.Id, import.Id, fresh, now, cancellationToken);

        // The points are computed in the import's transaction: a crash leaves neither, never rows without their points.
        SurveyScoringReport? report = null;
        if (fresh.Count > 0 && score)
        {
            report = await scoring.ScoreAsync(actor, year, Messages.Get("SurveyImportReason", fileName), cancellationToken);
        }
        else if (fresh.Count > 0)
        {
            await SurveyScoringService.MarkStaleAsync(db, setup.Year.Id, now, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new SurveyImportOutcome([], 0, fresh.Count, already, null, report);
    }

    private async Task<List<Parsed>> ParseAsync(SurveySetup setup, string fileName, string sha, Stream content,
        Action<int, string?, string> error, CancellationToken cancellationToken)
    {
        var units = await db.YearUnits.AsNoTracking().Where(u => u.AssessmentYearId == setup.Year.Id)
            .Select(u => new { u.UnitId, u.Unit!.Code }).ToDictionaryAsync(u => u.Code, u => u.UnitId, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var groups = new Dictionary<string, SurveyGroup>(StringComparer.Ordinal);
        foreach (var group in setup.Groups)
        {
            groups[ResultsTable.Key(group.Code)] = group;
            groups.TryAdd(ResultsTable.Key(group.Name), group);
        }

        var questionsByCode = setup.Questions.ToDictionary(q => q.Code, StringComparer.OrdinalIgnoreCase);
        var result = new List<Parsed>();
        IEnumerator<TabularFile.Row> rows;
        try
        {
            rows = TabularFile.Rows(content, TabularLimits.Survey).GetEnumerator();
        }
        catch (TabularFileException e)
        {
            error(e.Line, e.Column, e.Message);
            return result;
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
                        return result;
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
                if (!groups.TryGetValue(ResultsTable.Key(groupText), out var group))
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
                    result.Add(new Parsed(row.Line, unitId, group!.Id, key, answers));
                }
            }

            if (header is null)
            {
                error(1, null, Messages.Get("SurveyFileEmpty"));
            }
        }

        return result;
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

    private async Task CopyAsync(int yearId, int importId, List<Parsed> rows, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY survey_respondents (assessment_year_id, unit_id, group_id, respondent_key, import_id, answers, updated_at, submitted_at) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        // Buffered writes: only a full buffer goes to the server, so the synchronous calls do not block on
        // each value (a million rows × 8 values through async calls cost seconds on their own).
        foreach (var row in rows)
        {
            writer.StartRow();
            writer.Write(yearId, NpgsqlDbType.Integer);
            writer.Write(row.UnitId, NpgsqlDbType.Integer);
            writer.Write(row.GroupId, NpgsqlDbType.Integer);
            writer.Write(row.Key, NpgsqlDbType.Text);
            writer.Write(importId, NpgsqlDbType.Integer);
            writer.Write(row.Answers, NpgsqlDbType.Array | NpgsqlDbType.Smallint);
            writer.Write(now, NpgsqlDbType.TimestampTz);
            writer.Write(now, NpgsqlDbType.TimestampTz);
        }

        await writer.CompleteAsync(cancellationToken);
    }
}
