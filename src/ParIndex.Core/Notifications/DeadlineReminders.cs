using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Years;

namespace ParIndex.Core.Notifications;

/// <summary>
/// Reminds people of their deadlines three days and one day ahead: a unit that has not submitted its
/// self-assessment or its explanations (its own deadline, extensions included), and the council for
/// units still waiting in a round. Each reminder is sent once per deadline (an extension brings new ones).
/// </summary>
public sealed class DeadlineReminders(ParIndexDbContext db, Notifier notifier, TimeProvider clock)
{
    private static readonly int[] DaysAhead = [3, 1];

    /// <summary>Adds the reminders that are due now; returns how many deadlines were reminded of.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var years = await db.Years.AsNoTracking().Where(y => y.SelfAssessmentOpens != null && y.FinalisationOpens > now).ToListAsync(cancellationToken);
        var reminded = 0;
        foreach (var year in years)
        {
            var units = await db.YearUnits.AsNoTracking().Include(u => u.Unit)
                .Where(u => u.AssessmentYearId == year.Id && u.FrameworkId != null && u.Status != UnitStatus.Final)
                .ToListAsync(cancellationToken);
            var extensions = await db.DeadlineExtensions.AsNoTracking().Where(e => e.AssessmentYearId == year.Id).ToListAsync(cancellationToken);
            foreach (var unit in units)
            {
                var (phase, council) = unit.Status switch
                {
                    UnitStatus.NotStarted or UnitStatus.Drafting => (AssessmentPhase.SelfAssessment, false),
                    UnitStatus.Explaining => (AssessmentPhase.Explanation, false),
                    UnitStatus.Submitted or UnitStatus.InAppraisal when unit.ExplainedAt is null => (AssessmentPhase.FirstRound, true),
                    UnitStatus.InAppraisal => (AssessmentPhase.SecondRound, true),
                    _ => (AssessmentPhase.Preparation, false),
                };
                if (phase == AssessmentPhase.Preparation || year.Closes(phase) is not { } closes)
                {
                    continue;
                }

                var extended = extensions.Where(e => e.UnitId == unit.UnitId && e.Phase == phase).Select(e => (DateTimeOffset?)e.Until).Max();
                var deadline = extended > closes ? extended.Value : closes;
                var left = deadline - now;
                if (left <= TimeSpan.Zero || left > TimeSpan.FromDays(DaysAhead[0]))
                {
                    continue;
                }

                var days = left <= TimeSpan.FromDays(1) ? 1 : 3;
                var key = string.Create(CultureInfo.InvariantCulture, $"deadline:{year.Year}:{phase}:{unit.Unit!.Code}:{deadline.UtcTicks}:{days}");
                var link = $"/years/{year.Year}/units/{unit.Unit.Code}";
                object?[] args = [days, $"@Phase_{phase}", year.Year,
                    VietnamTime.Format(deadline) + (council ? " — " + unit.Unit.Name : "")];
                if (council)
                {
                    await notifier.ToCouncilAsync(year.Id, unit.UnitId, link, "NotifyDeadline", args, key, cancellationToken);
                }
                else
                {
                    await notifier.ToUnitAsync(unit.UnitId, link, "NotifyDeadline", args, key, cancellationToken);
                }

                reminded++;
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return reminded;
    }
}
