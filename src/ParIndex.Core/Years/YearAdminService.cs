using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Surveys;
using ParIndex.Core.Units;

namespace ParIndex.Core.Years;

/// <summary>
/// The administrator's side of a year: opening it from the previous one, its calendar, phase changes,
/// per-unit deadline extensions, and the dashboard. Every change is audited.
/// </summary>
public sealed class YearAdminService(ParIndexDbContext db, AuditLog audit, SurveyAdminService surveys, Notifications.Notifier notifier, TimeProvider clock)
{
    /// <summary>
    /// Creates <paramref name="year"/> from the latest earlier year that has a framework: its class
    /// scheme, a copy of each framework version, and every active unit (in its current bloc).
    /// </summary>
    public async Task<Outcome> CreateFromPreviousAsync(Actor? actor, int year, string? title, CancellationToken cancellationToken = default)
    {
        if (year is < 2000 or > 2100)
        {
            return Outcome.Invalid("year", Messages.Get("YearOutOfRange", year));
        }

        if (await db.Years.AnyAsync(y => y.Year == year, cancellationToken))
        {
            return Outcome.Invalid("year", Messages.Get("YearExists", year));
        }

        var previous = await db.Years.Include(y => y.Classes)
            .Where(y => y.Year < year && db.Frameworks.Any(f => f.AssessmentYearId == y.Id))
            .OrderByDescending(y => y.Year)
            .FirstOrDefaultAsync(cancellationToken);
        if (previous is null)
        {
            return Outcome.Invalid("year", Messages.Get("NoYearToCopy", year));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = new AssessmentYear
        {
            Year = year,
            Title = string.IsNullOrWhiteSpace(title) ? Messages.Get("DefaultYearTitle", year) : title.Trim(),
            IsDemo = previous.IsDemo,
            CreatedAt = clock.GetUtcNow(),
            Classes = [.. previous.Classes.Select(c => new IndexClassRow { Label = c.Label, MinimumIndex = c.MinimumIndex })],
            ProgressRankGain = previous.ProgressRankGain,
            ProgressIndexGain = previous.ProgressIndexGain,
            AwardTop = previous.AwardTop,
        };
        db.Years.Add(created);
        await db.SaveChangesAsync(cancellationToken);

        var versions = await db.Frameworks.AsNoTracking().Include(f => f.Nodes)
            .Where(f => f.AssessmentYearId == previous.Id).ToListAsync(cancellationToken);
        var copies = new Dictionary<int, FrameworkVersion>();
        foreach (var version in versions)
        {
            var copy = FrameworkAdminService.Copy(version.Nodes, created.Id,
                version.Version.Replace(previous.Year.ToString(CultureInfo.InvariantCulture), year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal),
                version.Name.Replace(previous.Year.ToString(CultureInfo.InvariantCulture), year.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            db.Frameworks.Add(copy);
            copies.Add(version.Id, copy);
        }

        await db.SaveChangesAsync(cancellationToken);
        var previousUnits = await db.YearUnits.AsNoTracking().Where(u => u.AssessmentYearId == previous.Id)
            .ToDictionaryAsync(u => u.UnitId, cancellationToken);
        var fallback = copies.Values.FirstOrDefault();
        var units = await db.Units.Where(u => u.IsActive).ToListAsync(cancellationToken);
        foreach (var unit in units)
        {
            var framework = previousUnits.TryGetValue(unit.Id, out var before) && before.FrameworkId is { } f ? copies[f] : fallback;
            db.YearUnits.Add(new YearUnit { AssessmentYearId = created.Id, UnitId = unit.Id, BlocId = unit.BlocId, FrameworkId = framework?.Id });
        }

        foreach (var assignment in await db.AppraiserAssignments.AsNoTracking().Where(a => a.AssessmentYearId == previous.Id).ToListAsync(cancellationToken))
        {
            db.AppraiserAssignments.Add(new AppraiserAssignment
            {
                UserId = assignment.UserId, AssessmentYearId = created.Id, UnitId = assignment.UnitId, AreaCode = assignment.AreaCode,
            });
        }

        audit.Record(actor, AuditSubjects.Year, null, $"{year} (from {previous.Year}: {versions.Count} framework(s), {units.Count} units)", null, created.Id);
        await db.SaveChangesAsync(cancellationToken);
        await surveys.CopyAsync(previous.Id, created.Id, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok(created);
    }

    /// <summary>Sets the year's five phase openings (self-assessment, round 1, explanation, round 2, finalisation).</summary>
    public async Task<Outcome> SetCalendarAsync(Actor? actor, int year, IReadOnlyList<DateTimeOffset> openings, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openings);
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        if (openings.Count != 5)
        {
            return Outcome.Invalid("calendar", Messages.Get("CalendarIncomplete"));
        }

        for (var i = 1; i < openings.Count; i++)
        {
            if (openings[i] <= openings[i - 1])
            {
                return Outcome.Invalid($"opening{i}", Messages.Get("CalendarOrder",
                    Messages.Get($"Phase_{(AssessmentPhase)(i + 1)}"), Messages.Get($"Phase_{(AssessmentPhase)i}")));
            }
        }

        var before = Describe(assessment);
        assessment.SetCalendar(openings);
        audit.Record(actor, AuditSubjects.Calendar, before, Describe(assessment), reason, assessment.Id);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(assessment);
    }

    /// <summary>
    /// Opens the next phase now (the current phase closes now); later openings stay as they are and
    /// must still be in the future. The outcome's value is the <see cref="PhaseChange"/> made.
    /// </summary>
    public async Task<Outcome> OpenNextPhaseAsync(Actor? actor, int year, string? reason, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        if (assessment.Calendar() is not { } calendar)
        {
            return Outcome.Invalid("calendar", Messages.Get("CalendarNotSet"));
        }

        var now = clock.GetUtcNow();
        var next = assessment.PhaseAt(now) + 1;
        if (next > AssessmentPhase.Finalisation)
        {
            return Outcome.Invalid("calendar", Messages.Get("NoNextPhase"));
        }

        var change = (await DashboardAsync(year, cancellationToken))!.NextPhase!;
        var openings = calendar.ToArray();
        openings[(int)next - 1] = now;
        var saved = await SetCalendarAsync(actor, year, openings, string.IsNullOrWhiteSpace(reason) ? Messages.Get("OpenedNow", Messages.Get($"Phase_{next}")) : reason, cancellationToken);
        return saved.Succeeded ? Outcome.Ok(change) : saved;
    }

    /// <summary>Extends one unit's deadline for self-assessment or explanation, with a reason.</summary>
    public async Task<Outcome> ExtendDeadlineAsync(Actor? actor, int year, string unitCode, AssessmentPhase phase, DateTimeOffset until, string? reason,
        CancellationToken cancellationToken = default)
    {
        var yearUnit = await db.YearUnits.Include(y => y.Unit)
            .SingleOrDefaultAsync(y => y.Unit!.Code == unitCode && db.Years.Any(a => a.Id == y.AssessmentYearId && a.Year == year), cancellationToken);
        if (yearUnit is null)
        {
            return Outcome.NotFound(Messages.Get("UnitNotInYear", unitCode, year));
        }

        if (phase is not (AssessmentPhase.SelfAssessment or AssessmentPhase.Explanation))
        {
            return Outcome.Invalid("phase", Messages.Get("ExtensionPhase"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Invalid("reason", Messages.Get("ReasonMissing"));
        }

        var assessment = await db.Years.SingleAsync(y => y.Id == yearUnit.AssessmentYearId, cancellationToken);
        if (assessment.Closes(phase) is not { } closes)
        {
            return Outcome.Invalid("calendar", Messages.Get("CalendarNotSet"));
        }

        if (until <= closes || until <= clock.GetUtcNow())
        {
            return Outcome.Invalid("until", Messages.Get("ExtensionTooEarly"));
        }

        var extension = await db.DeadlineExtensions.SingleOrDefaultAsync(
            e => e.AssessmentYearId == assessment.Id && e.UnitId == yearUnit.UnitId && e.Phase == phase, cancellationToken);
        var before = extension?.Until ?? closes;
        if (extension is null)
        {
            extension = new DeadlineExtension { AssessmentYearId = assessment.Id, UnitId = yearUnit.UnitId, Phase = phase, Reason = reason.Trim() };
            db.DeadlineExtensions.Add(extension);
        }

        extension.Until = until.ToUniversalTime();
        extension.Reason = reason.Trim();
        extension.GrantedBy = actor?.UserId ?? throw new InvalidOperationException("An extension is granted by an account.");
        extension.GrantedAt = clock.GetUtcNow();
        audit.Record(actor, AuditSubjects.Deadline, $"{phase}: {Utc(before)}", $"{phase}: {Utc(until)}", reason, assessment.Id, yearUnit.UnitId);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(extension);
    }

    /// <summary>Every unit's state in the year; late units are those whose own deadline passed before they acted.</summary>
    public async Task<YearDashboard?> DashboardAsync(int year, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var phase = assessment.PhaseAt(now);
        var extensions = await db.DeadlineExtensions.AsNoTracking().Where(e => e.AssessmentYearId == assessment.Id)
            .ToListAsync(cancellationToken);
        var units = await db.YearUnits.AsNoTracking().Include(y => y.Unit).Include(y => y.Bloc)
            .Where(y => y.AssessmentYearId == assessment.Id && y.FrameworkId != null)
            .OrderBy(y => y.Bloc!.SortOrder).ThenBy(y => y.Unit!.Code)
            .ToListAsync(cancellationToken);
        // Progress per unit in two grouped queries: entered leaves, leaves missing evidence, last change; leaves to enter per framework.
        var entered = await db.LeafEntries.AsNoTracking()
            .Where(e => e.AssessmentYearId == assessment.Id)
            .GroupBy(e => e.UnitId)
            .Select(g => new
            {
                UnitId = g.Key,
                Entered = g.Count(e => e.SelfKind != Scoring.LeafInputKind.Missing
                    && db.FrameworkNodes.Any(n => n.Id == e.NodeId && n.RuleKind != RuleCodec.BonusPenalty)),
                EvidenceMissing = g.Count(e => e.SelfKind != Scoring.LeafInputKind.Missing && e.SelfKind != Scoring.LeafInputKind.NotApplicable
                    && e.Evidence.Count == 0 && e.SelfNote.Length < AssessmentService.MinimumExplanationLength
                    && db.FrameworkNodes.Any(n => n.Id == e.NodeId && n.EvidenceRequired)),
                Last = g.Max(e => (DateTimeOffset?)e.UpdatedAt),
            })
            .ToDictionaryAsync(x => x.UnitId, cancellationToken);
        var frameworkIds = units.Select(u => u.FrameworkId!.Value).Distinct().ToList();
        var toEnter = await db.FrameworkNodes.AsNoTracking()
            .Where(n => frameworkIds.Contains(n.FrameworkId) && n.Component == Scoring.Component.Appraisal && n.RuleKind != null
                && n.RuleKind != RuleCodec.BonusPenalty)
            .GroupBy(n => n.FrameworkId)
            .Select(g => new { FrameworkId = g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.FrameworkId, x => x.Count, cancellationToken);
        var rows = units.Select(u =>
        {
            var step = u.Status switch
            {
                UnitStatus.NotStarted or UnitStatus.Drafting => AssessmentPhase.SelfAssessment,
                UnitStatus.Explaining => AssessmentPhase.Explanation,
                _ => (AssessmentPhase?)null,
            };
            DateTimeOffset? deadline = null;
            DateTimeOffset? extended = null;
            if (step is { } s)
            {
                deadline = assessment.Closes(s);
                extended = extensions.Where(e => e.UnitId == u.UnitId && e.Phase == s).Select(e => (DateTimeOffset?)e.Until).Max();
                deadline = extended > deadline ? extended : deadline;
            }

            var progress = entered.GetValueOrDefault(u.UnitId);
            return new DashboardRow(u.Unit!.Code, u.Unit.Name, u.Bloc!.Name, u.Status, deadline, deadline <= now, extended)
            {
                Entered = progress?.Entered ?? 0,
                ToEnter = toEnter.GetValueOrDefault(u.FrameworkId!.Value),
                EvidenceMissing = progress?.EvidenceMissing ?? 0,
                LastActivity = progress?.Last,
            };
        }).ToList();
        var publication = await db.Publications.AsNoTracking()
            .Where(p => p.AssessmentYearId == assessment.Id && p.Status != Publishing.PublicationStatus.Rejected)
            .OrderByDescending(p => p.Version).Select(p => (Publishing.PublicationStatus?)p.Status).FirstOrDefaultAsync(cancellationToken);
        var stage = publication switch
        {
            Publishing.PublicationStatus.Published => YearStage.Published,
            Publishing.PublicationStatus.Proposed => YearStage.Proposed,
            _ when rows.Count > 0 && rows.All(r => r.Status == UnitStatus.Final) => YearStage.Finalised,
            _ => (YearStage)phase,
        };
        return new YearDashboard(assessment, phase, rows)
        {
            Stage = stage,
            NextPhase = assessment.Calendar() is null ? null : PhaseChange.Next(phase, rows, now),
            Generated = now,
        };
    }

    /// <summary>
    /// Reminds one late unit (or, with no code, every late unit) now: a notification to its reporters and
    /// head (e-mailed as well when e-mail is set up), at most once a day per unit. Returns how many units were reminded.
    /// </summary>
    public async Task<Outcome> RemindLateAsync(Actor? actor, int year, string? unitCode, CancellationToken cancellationToken = default)
    {
        var dashboard = await DashboardAsync(year, cancellationToken);
        if (dashboard is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        var late = dashboard.Units.Where(u => u.Late && (string.IsNullOrWhiteSpace(unitCode) || u.UnitCode == unitCode.Trim())).ToList();
        if (late.Count == 0)
        {
            return Outcome.Invalid("unitCode", string.IsNullOrWhiteSpace(unitCode) ? Messages.Get("NoLateUnits", year) : Messages.Get("UnitNotLate", unitCode));
        }

        var ids = await db.Units.Where(u => late.Select(l => l.UnitCode).Contains(u.Code)).ToDictionaryAsync(u => u.Code, u => u.Id, cancellationToken);
        var today = VietnamTime.Format(clock.GetUtcNow())[..10];
        foreach (var unit in late)
        {
            var step = unit.Status == UnitStatus.Explaining ? AssessmentPhase.Explanation : AssessmentPhase.SelfAssessment;
            await notifier.ToUnitAsync(ids[unit.UnitCode], $"/years/{year}/units/{unit.UnitCode}", "NotifyLate",
                [$"@Phase_{step}", year, unit.Deadline is { } d ? VietnamTime.Format(d) : "—", actor?.UserName ?? ""],
                $"late:{year}:{unit.UnitCode}:{step}:{today}", cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(late.Count);
    }

    private static string? Describe(AssessmentYear year) =>
        year.Calendar() is { } c ? string.Join(" | ", c.Select(Utc)) : null;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
