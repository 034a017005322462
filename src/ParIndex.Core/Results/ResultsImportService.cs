using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Units;
using ParIndex.Core.Years;

namespace ParIndex.Core.Results;

/// <summary>What to import a checked results table as.</summary>
/// <param name="Year">The assessment year (2000-2100).</param>
/// <param name="Title">The year's title; "Chỉ số CCHC năm {year}" if null and the year is new.</param>
/// <param name="Replace">Replace the year's earlier imported results (never results ParIndex computed).</param>
public sealed record ResultsImportRequest(int Year, string? Title = null, bool Replace = false);

/// <summary>The outcome of an import: either the counts, or every reason it was refused (and nothing stored).</summary>
public sealed record ResultsImportOutcome(IReadOnlyList<string> Errors, int Results, int BlocsCreated, int UnitsCreated)
{
    public bool Succeeded => Errors.Count == 0;

    internal static ResultsImportOutcome Refused(params string[] errors) => new(errors, 0, 0, 0);
}

/// <summary>
/// Stores a checked results table (<see cref="ResultsTable"/>) as a year's published results, in one
/// transaction: all rows or none. Blocs are matched by name or code and units by code (when the table
/// has codes) or by name, preferring the same bloc; what is not found is created.
/// </summary>
public sealed class ResultsImportService(ParIndexDbContext db, TimeProvider clock, Publishing.PublishedGeneration generation)
{
    public async Task<ResultsImportOutcome> ImportAsync(ResultsImportRequest request, IReadOnlyList<ResultsTableRow> rows,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(rows);
        if (request.Year is < 2000 or > 2100)
        {
            return ResultsImportOutcome.Refused(Messages.Get("ResultsYearRange", request.Year));
        }

        if (rows.Count == 0)
        {
            return ResultsImportOutcome.Refused(Messages.Get("ResultsNoRows"));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Imports of the same year wait for each other.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(8072, {request.Year})", cancellationToken);

        var (year, refusal) = await PrepareYearAsync(request, cancellationToken);
        if (refusal is not null)
        {
            return ResultsImportOutcome.Refused(refusal);
        }

        var blocs = await db.Blocs.ToListAsync(cancellationToken);
        var units = await db.Units.ToListAsync(cancellationToken);
        var blocsBefore = blocs.Count;
        var unitsBefore = units.Count;
        var errors = new List<string>();
        var now = clock.GetUtcNow();

        foreach (var row in rows)
        {
            var bloc = FindOrAddBloc(blocs, row.Bloc, request.Year);
            var unit = FindOrAddUnit(units, row, bloc, request.Year, errors);
            if (unit is null)
            {
                continue;
            }

            db.YearUnits.Add(new YearUnit { AssessmentYearId = year!.Id, Unit = unit, Bloc = bloc, Status = UnitStatus.Final });
            db.UnitResults.Add(new UnitResultRow
            {
                AssessmentYearId = year.Id,
                Unit = unit,
                Appraisal = row.Appraisal,
                Survey = row.Survey,
                ApplicableMaximum = row.Maximum,
                Source = ResultSource.Imported,
                UpdatedAt = now,
            });
        }

        if (errors.Count > 0)
        {
            return new ResultsImportOutcome(errors, 0, 0, 0); // the transaction is rolled back on dispose
        }

        await db.SaveChangesAsync(cancellationToken);
        if (request.Replace)
        {
            // What the replaced table created and nothing uses any more (not this table, not another year, not an account).
            await DeleteUnusedAsync("units", request.Year, cancellationToken);
            await DeleteUnusedAsync("blocs", request.Year, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        generation.Advance(); // an imported table is what the public reads for its year
        return new ResultsImportOutcome([], rows.Count, blocs.Count - blocsBefore, units.Count - unitsBefore);
    }

    /// <summary>
    /// Deletes the rows of <paramref name="table"/> an import of <paramref name="year"/> created that no
    /// foreign key points at. The references are read from PostgreSQL's catalog, so a table added later
    /// that refers to units or blocs is respected without this code knowing it.
    /// </summary>
    private async Task DeleteUnusedAsync(string table, int year, CancellationToken cancellationToken)
    {
        var references = await db.Database.SqlQuery<ForeignKey>($"""
            SELECT c.conrelid::regclass::text AS "Table", quote_ident(a.attname) AS "Column"
            FROM pg_constraint c JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
            WHERE c.contype = 'f' AND c.confrelid = {table}::regclass AND cardinality(c.conkey) = 1
            """).ToListAsync(cancellationToken);
        var unused = string.Concat(references.Select(r => $" AND NOT EXISTS (SELECT 1 FROM {r.Table} r WHERE r.{r.Column} = t.id)"));
#pragma warning disable EF1002 // table and column names come from the catalog, the year is a parameter
        await db.Database.ExecuteSqlRawAsync($"DELETE FROM {table} t WHERE t.imported_for = {{0}}{unused}", [year], cancellationToken);
#pragma warning restore EF1002
    }

    private sealed record ForeignKey(string Table, string Column);

    private async Task<(AssessmentYear? Year, string? Refusal)> PrepareYearAsync(ResultsImportRequest request, CancellationToken cancellationToken)
    {
        var year = await db.Years.SingleOrDefaultAsync(y => y.Year == request.Year, cancellationToken);
        if (year is null)
        {
            year = new AssessmentYear
            {
                Year = request.Year,
                Title = string.IsNullOrWhiteSpace(request.Title) ? $"Chỉ số CCHC năm {request.Year}" : request.Title.Trim(),
                CreatedAt = clock.GetUtcNow(),
            };
            db.Years.Add(year);
            await db.SaveChangesAsync(cancellationToken);
            return (year, null);
        }

        if (year.ResultsLocked)
        {
            return (null, await Publishing.ResultsLock.MessageAsync(db, year, cancellationToken));
        }

        var results = await db.UnitResults.Where(r => r.AssessmentYearId == year.Id)
            .GroupBy(r => r.Source).Select(g => new { Source = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var computed = results.Where(r => r.Source == ResultSource.Computed).Sum(r => r.Count);
        var imported = results.Where(r => r.Source == ResultSource.Imported).Sum(r => r.Count);
        var scored = await db.YearUnits.AnyAsync(u => u.AssessmentYearId == year.Id && u.FrameworkId != null, cancellationToken);
        if (computed > 0 || scored)
        {
            return (null, Messages.Get("ResultsYearAssessed", request.Year, computed));
        }

        if (imported > 0 && !request.Replace)
        {
            return (null, Messages.Get("ResultsYearImported", request.Year, imported));
        }

        if (!string.IsNullOrWhiteSpace(request.Title))
        {
            year.Title = request.Title.Trim();
        }

        await db.UnitResults.Where(r => r.AssessmentYearId == year.Id).ExecuteDeleteAsync(cancellationToken);
        await db.YearUnits.Where(u => u.AssessmentYearId == year.Id).ExecuteDeleteAsync(cancellationToken);
        return (year, null);
    }

    private Bloc FindOrAddBloc(List<Bloc> blocs, string name, int year)
    {
        var key = ResultsTable.Key(name);
        var bloc = blocs.FirstOrDefault(b => ResultsTable.Key(b.Name) == key || ResultsTable.Key(b.Code) == key);
        if (bloc is null)
        {
            bloc = new Bloc { Code = UniqueCode(name, blocs.Select(b => b.Code)), Name = name, SortOrder = blocs.Count + 1, ImportedFor = year };
            blocs.Add(bloc);
            db.Blocs.Add(bloc);
        }

        return bloc;
    }

    private Unit? FindOrAddUnit(List<Unit> units, ResultsTableRow row, Bloc bloc, int year, List<string> errors)
    {
        Unit? unit;
        if (row.UnitCode is { } code)
        {
            unit = units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase));
        }
        else
        {
            var key = ResultsTable.Key(row.Unit);
            var named = units.Where(u => ResultsTable.Key(u.Name) == key).ToList();
            var inBloc = named.Where(u => u.Bloc == bloc || (u.BlocId != 0 && u.BlocId == bloc.Id)).ToList();
            var candidates = inBloc.Count > 0 ? inBloc : named;
            if (candidates.Count > 1)
            {
                errors.Add(Messages.Get("ResultsUnitAmbiguous", row.Line, row.Unit, string.Join(", ", candidates.Select(u => u.Code))));
                return null;
            }

            unit = candidates.SingleOrDefault();
        }

        if (unit is null)
        {
            unit = new Unit { Code = row.UnitCode ?? UniqueCode(row.Unit, units.Select(u => u.Code)), Name = row.Unit, Bloc = bloc, ImportedFor = year };
            units.Add(unit);
            db.Units.Add(unit);
        }

        return unit;
    }

    /// <summary>An ASCII code from a Vietnamese name ("Sở Tài chính" → "SO-TAI-CHINH"), made unique with a suffix.</summary>
    internal static string UniqueCode(string name, IEnumerable<string> taken)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Replace('đ', 'd').Replace('Đ', 'D').Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        var stem = builder.ToString().Trim('-');
        stem = stem.Length == 0 ? "U" : stem[..Math.Min(stem.Length, 40)].TrimEnd('-');
        var used = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        var code = stem;
        for (var n = 2; used.Contains(code); n++)
        {
            code = $"{stem}-{n}";
        }

        return code;
    }
}
