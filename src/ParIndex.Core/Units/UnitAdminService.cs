using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;

namespace ParIndex.Core.Units;

/// <summary>
/// Blocs and units as data: adding them, a unit's bloc and framework version for a year, and merging
/// units into a successor with recorded lineage (so rank changes still compare like with like). Audited.
/// </summary>
public sealed class UnitAdminService(ParIndexDbContext db, AuditLog audit)
{
    /// <summary>A unit of a year as the administrator lists it.</summary>
    public sealed record Row(string Code, string Name, string BlocCode, string BlocName, int? FrameworkId, UnitStatus Status, IReadOnlyList<string> Predecessors);

    public async Task<IReadOnlyList<Row>> ListAsync(int year, CancellationToken cancellationToken = default)
    {
        var rows = await db.YearUnits.AsNoTracking()
            .Where(y => db.Years.Any(a => a.Id == y.AssessmentYearId && a.Year == year))
            .Select(y => new { y.Unit!.Code, y.Unit.Name, BlocCode = y.Bloc!.Code, BlocName = y.Bloc.Name, y.Bloc.SortOrder, y.FrameworkId, y.Status, y.UnitId })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.UnitId).ToList();
        var lineage = (await db.UnitLineages.AsNoTracking().Where(l => ids.Contains(l.SuccessorId))
                .Select(l => new { l.SuccessorId, l.Predecessor!.Code }).ToListAsync(cancellationToken))
            .ToLookup(l => l.SuccessorId, l => l.Code);
        return [.. rows.OrderBy(r => r.SortOrder).ThenBy(r => r.Code)
            .Select(r => new Row(r.Code, r.Name, r.BlocCode, r.BlocName, r.FrameworkId, r.Status, [.. lineage[r.UnitId]]))];
    }

    /// <summary>Both given, within their lengths, a code of printable characters.</summary>
    private static Outcome? CodeAndNameProblem(string code, string name) =>
        code.Length == 0 || name.Length == 0 ? Outcome.Invalid(code.Length == 0 ? "code" : "name", Messages.Get("CodeAndNameRequired"))
        : TextLimits.TooLong(code, TextLimits.Code) is { } longCode ? Outcome.Invalid("code", longCode)
        : TextLimits.TooLong(name, TextLimits.Name) is { } longName ? Outcome.Invalid("name", longName)
        : code.Any(char.IsControl) ? Outcome.Invalid("code", Messages.Get("TextControlCharacter"))
        : name.Any(char.IsControl) ? Outcome.Invalid("name", Messages.Get("TextControlCharacter"))
        : null;

    public async Task<Outcome> AddBlocAsync(Actor actor, string code, string name, CancellationToken cancellationToken = default)
    {
        code = (code ?? "").Trim();
        name = (name ?? "").Trim();
        if (CodeAndNameProblem(code, name) is { } invalid)
        {
            return invalid;
        }

        if (await db.Blocs.AnyAsync(b => b.Code == code, cancellationToken))
        {
            return Outcome.Invalid("code", Messages.Get("CodeTaken", code));
        }

        var order = await db.Blocs.Select(b => (int?)b.SortOrder).MaxAsync(cancellationToken) ?? 0;
        var bloc = new Bloc { Code = code, Name = name, SortOrder = order + 1 };
        db.Blocs.Add(bloc);
        audit.Record(actor, AuditSubjects.Unit, null, $"bloc {code} '{name}'");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(bloc);
    }

    /// <summary>Adds a unit to the province and to <paramref name="year"/> with a framework version.</summary>
    public async Task<Outcome> AddUnitAsync(Actor actor, int year, string code, string name, string blocCode, int frameworkId,
        CancellationToken cancellationToken = default)
    {
        code = (code ?? "").Trim();
        name = (name ?? "").Trim();
        if (CodeAndNameProblem(code, name) is { } invalid)
        {
            return invalid;
        }

        if (await db.Units.AnyAsync(u => u.Code == code, cancellationToken))
        {
            return Outcome.Invalid("code", Messages.Get("CodeTaken", code));
        }

        var (assessment, bloc, problem) = await YearBlocFrameworkAsync(year, blocCode, frameworkId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var unit = new Unit { Code = code, Name = name, BlocId = bloc!.Id };
        db.Units.Add(unit);
        await db.SaveChangesAsync(cancellationToken);
        db.YearUnits.Add(new YearUnit { AssessmentYearId = assessment!.Id, UnitId = unit.Id, BlocId = bloc.Id, FrameworkId = frameworkId });
        audit.Record(actor, AuditSubjects.Unit, null, $"{code} '{name}' bloc={blocCode} framework={frameworkId}", null, assessment.Id, unit.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(unit);
    }

    /// <summary>Sets a unit's bloc and framework version for a year; the framework only before the unit has entered anything.</summary>
    public async Task<Outcome> SetAsync(Actor actor, int year, string unitCode, string blocCode, int frameworkId, CancellationToken cancellationToken = default)
    {
        var (assessment, bloc, problem) = await YearBlocFrameworkAsync(year, blocCode, frameworkId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var yearUnit = await db.YearUnits.Include(y => y.Unit).SingleOrDefaultAsync(y => y.AssessmentYearId == assessment!.Id && y.Unit!.Code == unitCode, cancellationToken);
        if (yearUnit is null)
        {
            return Outcome.NotFound(Messages.Get("UnitNotInYear", unitCode, year));
        }

        if (yearUnit.FrameworkId != frameworkId && yearUnit.Status != UnitStatus.NotStarted)
        {
            return Outcome.Invalid("frameworkId", Messages.Get("FrameworkInUse", unitCode));
        }

        audit.Record(actor, AuditSubjects.Unit, $"{unitCode} bloc={yearUnit.BlocId} framework={yearUnit.FrameworkId}",
            $"{unitCode} bloc={bloc!.Id} framework={frameworkId}", null, assessment!.Id, yearUnit.UnitId);
        yearUnit.BlocId = bloc.Id;
        yearUnit.FrameworkId = frameworkId;
        yearUnit.Unit!.BlocId = bloc.Id;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>
    /// Merges units into a new successor from <paramref name="year"/> on: the predecessors leave the
    /// year (they must not have started) and the province, and the lineage is recorded.
    /// </summary>
    public async Task<Outcome> MergeAsync(Actor actor, int year, string newCode, string newName, string blocCode, IReadOnlyList<string> predecessorCodes,
        string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predecessorCodes);
        var codes = predecessorCodes.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (codes.Count < 2)
        {
            return Outcome.Invalid("predecessors", Messages.Get("MergeNeedsTwo"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Invalid("reason", Messages.Get("ReasonMissing"));
        }

        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        if (await Publishing.ResultsLock.RefuseIfLockedAsync(db, assessment.Id, cancellationToken) is { } locked)
        {
            return locked;
        }

        var predecessors = await db.YearUnits.Include(y => y.Unit)
            .Where(y => y.AssessmentYearId == assessment.Id && codes.Contains(y.Unit!.Code)).ToListAsync(cancellationToken);
        var missing = codes.Except(predecessors.Select(p => p.Unit!.Code)).ToList();
        if (missing.Count > 0)
        {
            return Outcome.Invalid("predecessors", Messages.Get("UnitNotInYear", string.Join(", ", missing), year));
        }

        if (predecessors.FirstOrDefault(p => p.Status != UnitStatus.NotStarted) is { } started)
        {
            return Outcome.Invalid("predecessors", Messages.Get("FrameworkInUse", started.Unit!.Code));
        }

        var frameworkId = predecessors[0].FrameworkId ?? 0;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = await AddUnitAsync(actor, year, newCode, newName, blocCode, frameworkId, cancellationToken);
        if (!added.Succeeded)
        {
            return added;
        }

        var successor = (Unit)added.Value!;
        foreach (var p in predecessors)
        {
            db.UnitLineages.Add(new UnitLineage { SuccessorId = successor.Id, PredecessorId = p.UnitId, EffectiveYear = year });
            p.Unit!.IsActive = false;
            db.YearUnits.Remove(p);
        }

        audit.Record(actor, AuditSubjects.Unit, string.Join(" + ", codes), $"{successor.Code} '{successor.Name}'", reason, assessment.Id, successor.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok(successor);
    }

    private async Task<(Years.AssessmentYear?, Bloc?, Outcome?)> YearBlocFrameworkAsync(int year, string blocCode, int frameworkId, CancellationToken cancellationToken)
    {
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return (null, null, Outcome.NotFound(Messages.Get("YearNotFound", year)));
        }

        if (await Publishing.ResultsLock.RefuseIfLockedAsync(db, assessment.Id, cancellationToken) is { } locked)
        {
            return (assessment, null, locked);
        }

        var bloc = await db.Blocs.SingleOrDefaultAsync(b => b.Code == blocCode, cancellationToken);
        if (bloc is null)
        {
            return (assessment, null, Outcome.Invalid("blocCode", Messages.Get("BlocNotFound", blocCode)));
        }

        if (!await db.Frameworks.AnyAsync(f => f.Id == frameworkId && f.AssessmentYearId == assessment.Id, cancellationToken))
        {
            return (assessment, bloc, Outcome.Invalid("frameworkId", Messages.Get("FrameworkNotFound", year)));
        }

        return (assessment, bloc, null);
    }
}
