using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;
using NpgsqlTypes;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Results;
using ParIndex.Core.Surveys;
using ParIndex.Core.Years;
using ParIndex.Scoring;
using ParIndex.Scoring.Ranking;

namespace ParIndex.Core.Publishing;

/// <summary>A version of a year's results as shown beside it: which, under what decision, and whether a later one replaced it.</summary>
public sealed record PublicationInfo(
    int Version,
    PublicationStatus Status,
    DateTimeOffset ProposedAt,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    DateTimeOffset? PublishedAt,
    string? CorrectionReason,
    int? SupersededBy)
{
    /// <summary>The seal printed with the decision: the snapshot's SHA-256 and the audit chain's place and head when published.</summary>
    public (string ContentHash, long Sequence, string Head)? Seal { get; init; }
}

/// <summary>One version in a year's publication history.</summary>
public sealed record PublicationSummary(
    int Version,
    PublicationStatus Status,
    string ProposedBy,
    DateTimeOffset ProposedAt,
    string Note,
    string? CorrectionReason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNumber,
    DateOnly? DecisionDate,
    string? RejectionReason,
    int Units);

/// <summary>Where a year stands on its way to publication.</summary>
public sealed record YearPublicationState(
    int Year,
    string Title,
    bool Locked,
    string? CorrectionReason,
    int Units,
    int FinalUnits,
    int Results,
    AwardRule Awards,
    IReadOnlyList<PublicationSummary> Versions)
{
    public PublicationSummary? Pending => Versions.FirstOrDefault(v => v.Status == PublicationStatus.Proposed);

    public PublicationSummary? LatestPublished => Versions.Where(v => v.Status == PublicationStatus.Published).MaxBy(v => v.Version);
}

/// <summary>
/// Publication of a year's results: the council secretary proposes (a snapshot is taken and the
/// year locks), an administrator rejects it with a reason or publishes it under a decision; a
/// published version never changes. A correction is opened by an administrator with a reason (the
/// year unlocks), and the next proposal becomes a new version; every version stays readable.
/// </summary>
public sealed class PublicationService(ParIndexDbContext db, RankingService rankings, AuditLog audit, TimeProvider clock,
    IMemoryCache cache, PublishedGeneration generation)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private (long Generation, Dictionary<int, (AssessmentYear Year, List<Publication> Versions)> Years)? _published;

    /// <summary>The year's state and every version; null when the year does not exist.</summary>
    public async Task<YearPublicationState?> StateAsync(int year, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        var counts = await db.YearUnits.AsNoTracking().Where(u => u.AssessmentYearId == assessment.Id && u.FrameworkId != null)
            .GroupBy(_ => 1).Select(g => new { Total = g.Count(), Final = g.Count(u => u.Status == UnitStatus.Final) })
            .SingleOrDefaultAsync(cancellationToken);
        var results = await db.UnitResults.CountAsync(r => r.AssessmentYearId == assessment.Id, cancellationToken);
        var versions = await (
            from p in db.Publications.AsNoTracking()
            where p.AssessmentYearId == assessment.Id
            orderby p.Version descending
            select new PublicationSummary(
                p.Version,
                p.Status,
                db.Users.Where(u => u.Id == p.ProposedBy).Select(u => u.FullName != "" ? u.FullName : u.UserName!).Single(),
                p.ProposedAt,
                p.Note,
                p.CorrectionReason,
                db.Users.Where(u => u.Id == p.DecidedBy).Select(u => u.FullName != "" ? u.FullName : u.UserName).SingleOrDefault(),
                p.DecidedAt,
                p.DecisionNumber,
                p.DecisionDate,
                p.RejectionReason,
                db.PublicationUnits.Count(u => u.PublicationId == p.Id))).ToListAsync(cancellationToken);
        return new YearPublicationState(assessment.Year, assessment.Title, assessment.ResultsLocked, assessment.CorrectionReason,
            counts?.Total ?? 0, counts?.Final ?? 0, results,
            new AwardRule(assessment.AwardTop, assessment.ProgressRankGain, assessment.ProgressIndexGain), versions);
    }

    /// <summary>The council secretary proposes the year's current results: a snapshot is taken and the year locks.</summary>
    public async Task<Outcome> ProposeAsync(Actor actor, int year, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Secretary))
        {
            return Outcome.Forbidden(Messages.Get("OnlySecretaryProposes"));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (assessment, failure) = await LockYearAsync(year, cancellationToken);
        if (assessment is null)
        {
            return failure!;
        }

        if (assessment.ResultsLocked)
        {
            return await LockedRefusalAsync(assessment, cancellationToken);
        }

        var unfinished = await db.YearUnits.AsNoTracking()
            .Where(u => u.AssessmentYearId == assessment.Id && u.FrameworkId != null && u.Status != UnitStatus.Final)
            .OrderBy(u => u.Unit!.Code).Select(u => u.Unit!.Name).ToListAsync(cancellationToken);
        if (unfinished.Count > 0)
        {
            return Outcome.Invalid("", Messages.Get("UnitsNotFinal", unfinished.Count, string.Join(", ", unfinished.Take(5))));
        }

        var current = await rankings.LoadAsync(year, cancellationToken);
        if (current.Count == 0)
        {
            return Outcome.Invalid("", Messages.Get("NoResultsToPropose", year));
        }

        var versions = await db.Publications.Where(p => p.AssessmentYearId == assessment.Id).ToListAsync(cancellationToken);
        var correcting = versions.Any(v => v.Status == PublicationStatus.Published);
        var earlier = await rankings.LoadAsync(year - 1, cancellationToken);
        var previous = await rankings.PreviousStandingsAsync(earlier, current, year, cancellationToken);
        var survey = await new SurveyStatsService(db).ForYearAsync(assessment.Id, cancellationToken);
        var classes = await db.IndexClasses.AsNoTracking().Where(c => c.AssessmentYearId == assessment.Id)
            .OrderByDescending(c => c.MinimumIndex).Select(c => new IndexClass(c.Label, c.MinimumIndex)).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var publication = new Publication
        {
            AssessmentYearId = assessment.Id,
            Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1,
            Status = PublicationStatus.Proposed,
            ProposedBy = actor.UserId,
            ProposedAt = now,
            Note = (note ?? "").Trim(),
            CorrectionReason = correcting ? assessment.CorrectionReason : null,
            ComparedWithYear = earlier.Count > 0 ? year - 1 : null,
            ResultsUpdatedAt = current.Max(l => l.UpdatedAt),
            ProgressRankGain = assessment.ProgressRankGain,
            ProgressIndexGain = assessment.ProgressIndexGain,
            AwardTop = assessment.AwardTop,
            Classes = JsonSerializer.Serialize(classes, Json),
        };
        if (publication.Version > 1 && publication.CorrectionReason is null)
        {
            // An earlier proposal was rejected and nothing was ever published: the next one is still a first publication.
            publication.CorrectionReason = Messages.Get("ResubmittedAfterRejection");
        }

        db.Publications.Add(publication);
        await db.SaveChangesAsync(cancellationToken);

        var frameworks = await FrameworksOfAsync(assessment.Id, cancellationToken);
        foreach (var line in current)
        {
            PreviousStanding? standing = previous.ByBloc.TryGetValue(line.BlocCode, out var bloc) && bloc.TryGetValue(line.UnitCode, out var s) ? s : null;
            db.PublicationUnits.Add(new PublicationUnit
            {
                PublicationId = publication.Id,
                UnitId = line.UnitId,
                UnitCode = line.UnitCode,
                UnitName = line.UnitName,
                BlocCode = line.BlocCode,
                BlocName = line.BlocName,
                BlocOrder = line.BlocOrder,
                FrameworkId = frameworks.ByUnit.TryGetValue(line.UnitId, out var f) ? f.Id : null,
                FrameworkName = f?.Name,
                Appraisal = line.Result.Appraisal,
                Survey = line.Result.Survey,
                BonusPenalty = line.Result.BonusPenalty,
                ApplicableMaximum = line.Result.ApplicableMaximum,
                AppraisalMaximum = line.Result.AppraisalMaximum,
                SurveyMaximum = line.Result.SurveyMaximum,
                PreviousRank = standing?.Rank,
                PreviousIndex = standing?.Index,
                PreviousFrom = previous.From.TryGetValue(line.UnitCode, out var from) ? [.. from] : null,
                SurveyStats = survey.TryGetValue(line.UnitId, out var stats) ? JsonSerializer.Serialize(stats, Json) : null,
            });
        }

        await db.SaveChangesAsync(cancellationToken);
        await CopyNodesAsync(publication.Id, assessment.Id, frameworks, cancellationToken);
        assessment.ResultsLocked = true;
        audit.Record(actor, AuditSubjects.Publication, correcting ? Messages.Get("PublicationCorrecting") : Messages.Get("PublicationDraft"),
            Messages.Get("PublicationProposedVersion", publication.Version), publication.Note, assessment.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        generation.Advance();
        db.ChangeTracker.Clear();
        return Outcome.Ok(publication.Version);
    }

    /// <summary>An administrator sends the pending proposal back with a reason; the year unlocks.</summary>
    public async Task<Outcome> RejectAsync(Actor actor, int year, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Administrator))
        {
            return Outcome.Forbidden(Messages.Get("OnlyAdministratorPublishes"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Invalid("reason", Messages.Get("PublicationReasonRequired"));
        }

        var why = reason.Trim();
        return await DecideAsync(actor, year, (pending, assessment) =>
        {
            pending.Status = PublicationStatus.Rejected;
            pending.RejectionReason = why;
            assessment.ResultsLocked = false;
            return (Messages.Get("PublicationRejectedVersion", pending.Version), why);
        }, cancellationToken);
    }

    /// <summary>An administrator publishes the pending proposal under a decision (number and date).</summary>
    public async Task<Outcome> PublishAsync(Actor actor, int year, string? decisionNumber, string? decisionDate,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Administrator))
        {
            return Outcome.Forbidden(Messages.Get("OnlyAdministratorPublishes"));
        }

        var problems = new List<FieldProblem>();
        var number = (decisionNumber ?? "").Trim();
        if (number.Length == 0)
        {
            problems.Add(new FieldProblem("decisionNumber", Messages.Get("DecisionNumberRequired")));
        }
        else if (number.Length > 100)
        {
            problems.Add(new FieldProblem("decisionNumber", Messages.Get("DecisionNumberTooLong")));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().ToOffset(VietnamTime.Offset).DateTime);
        if (!DateOnly.TryParseExact((decisionDate ?? "").Trim(), ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
                DateTimeStyles.None, out var date))
        {
            problems.Add(new FieldProblem("decisionDate", Messages.Get("DecisionDateInvalid", decisionDate)));
        }
        else if (date > today)
        {
            problems.Add(new FieldProblem("decisionDate", Messages.Get("DecisionDateFuture", date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture))));
        }
        else if (date.Year <= year - 1 || date.Year > year + 2)
        {
            problems.Add(new FieldProblem("decisionDate", Messages.Get("DecisionDateOutOfYear", date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), year)));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        return await DecideAsync(actor, year, (pending, assessment) =>
        {
            pending.Status = PublicationStatus.Published;
            pending.DecisionNumber = number;
            pending.DecisionDate = date;
            assessment.CorrectionReason = null;
            return (Messages.Get("PublicationPublishedVersion", pending.Version, Decision(number, date)), pending.CorrectionReason);
        }, cancellationToken);
    }

    /// <summary>
    /// An administrator's decision on the year's pending proposal, in one transaction under the year's
    /// lock: <paramref name="decide"/> sets the outcome and says what to record; who and when are set here.
    /// </summary>
    private async Task<Outcome> DecideAsync(Actor actor, int year, Func<Publication, AssessmentYear, (string NewValue, string? Reason)> decide,
        CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (assessment, failure) = await LockYearAsync(year, cancellationToken);
        if (assessment is null)
        {
            return failure!;
        }

        var pending = await db.Publications.SingleOrDefaultAsync(p => p.AssessmentYearId == assessment.Id && p.Status == PublicationStatus.Proposed, cancellationToken);
        if (pending is null)
        {
            return Outcome.Conflict(Messages.Get("NothingProposed", year), null);
        }

        pending.DecidedBy = actor.UserId;
        pending.DecidedAt = clock.GetUtcNow();
        var (newValue, reason) = decide(pending, assessment);
        if (pending.Status == PublicationStatus.Published)
        {
            // The seal printed with the decision: the snapshot's hash goes into the publishing entry, whose place and hash close it.
            pending.ContentHash = await PublicationSeal.ContentHashAsync(db, pending.Id, cancellationToken);
            newValue = $"{newValue} · SHA-256 {pending.ContentHash}";
        }

        audit.Record(actor, AuditSubjects.Publication, Messages.Get("PublicationProposedVersion", pending.Version), newValue, reason, assessment.Id);
        if (pending.Status == PublicationStatus.Published)
        {
            (pending.AuditSequence, pending.AuditHead) = await Audit.AuditChain.SealPendingAsync(db, cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        generation.Advance();
        return Outcome.Ok(pending.Version);
    }

    /// <summary>An administrator opens a correction of the published results with a reason: the year unlocks until the next version is proposed.</summary>
    public async Task<Outcome> OpenCorrectionAsync(Actor actor, int year, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Administrator))
        {
            return Outcome.Forbidden(Messages.Get("OnlyAdministratorPublishes"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Invalid("reason", Messages.Get("PublicationReasonRequired"));
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (assessment, failure) = await LockYearAsync(year, cancellationToken);
        if (assessment is null)
        {
            return failure!;
        }

        var statuses = await db.Publications.Where(p => p.AssessmentYearId == assessment.Id).Select(p => p.Status).ToListAsync(cancellationToken);
        if (statuses.Contains(PublicationStatus.Proposed))
        {
            return Outcome.Conflict(Messages.Get("ProposalPending", year), null);
        }

        if (!statuses.Contains(PublicationStatus.Published) || !assessment.ResultsLocked)
        {
            return Outcome.Conflict(Messages.Get(assessment.ResultsLocked ? "NothingPublished" : "CorrectionAlreadyOpen", year), null);
        }

        assessment.ResultsLocked = false;
        assessment.CorrectionReason = reason.Trim();
        audit.Record(actor, AuditSubjects.Publication, Messages.Get("PublicationPublished"), Messages.Get("PublicationCorrecting"), assessment.CorrectionReason, assessment.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        generation.Advance();
        return Outcome.Ok();
    }

    /// <summary>An administrator sets the award rules (top ranks per bloc, outstanding progress) while the results are not locked.</summary>
    public async Task<Outcome> SetAwardsAsync(Actor actor, int year, string? top, string? rankGain, string? indexGain,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.Is(Roles.Administrator))
        {
            return Outcome.Forbidden(Messages.Get("OnlyAdministratorPublishes"));
        }

        var problems = new List<FieldProblem>();
        var awardTop = ParseOptional<int>(top, "awardTop", "0", problems,
            v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n <= 1000 ? n : null);
        var places = ParseOptional<int>(rankGain, "rankGain", "1", problems,
            v => int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 10000 ? n : null);
        var points = ParseOptional<decimal>(indexGain, "indexGain", "0,01", problems, v =>
            decimal.TryParse(v.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var d) && d is > 0m and <= 100m ? d : null);
        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var (assessment, failure) = await LockYearAsync(year, cancellationToken);
        if (assessment is null)
        {
            return failure!;
        }

        if (assessment.ResultsLocked)
        {
            return await LockedRefusalAsync(assessment, cancellationToken);
        }

        var before = new AwardRule(assessment.AwardTop, assessment.ProgressRankGain, assessment.ProgressIndexGain);
        (assessment.AwardTop, assessment.ProgressRankGain, assessment.ProgressIndexGain) = (awardTop, places, points);
        audit.Record(actor, AuditSubjects.Awards, Describe(before), Describe(new AwardRule(awardTop, places, points)), null, assessment.Id);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        generation.Advance(); // a year imported from its published table shows its awards to the public
        return Outcome.Ok();
    }

    /// <summary>"Quyết định 2001/QĐ-UBND ngày 05/05/2021".</summary>
    public static string Decision(string number, DateOnly date) =>
        Messages.Get("DecisionLine", number, date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));

    /// <summary>The years with a published version, latest first.</summary>
    public async Task<IReadOnlyList<int>> PublishedYearsAsync(CancellationToken cancellationToken = default) =>
        [.. (await PublishedAsync(cancellationToken)).Keys.OrderDescending()];

    /// <summary>The published versions of a year, latest first.</summary>
    public async Task<IReadOnlyList<PublicationInfo>> VersionsAsync(int year, CancellationToken cancellationToken = default)
    {
        var rows = (await PublishedAsync(cancellationToken)).TryGetValue(year, out var found) ? found.Versions : [];
        return [.. rows.Select((p, i) => Info(p, i == 0 ? null : rows[i - 1].Version))];
    }

    /// <summary>A published version of a year's ranking (the latest unless <paramref name="version"/> is given); null when there is none.</summary>
    public async Task<YearRanking?> GetRankingAsync(int year, int? version = null, CancellationToken cancellationToken = default)
    {
        var found = await FindAsync(year, version, cancellationToken);
        if (found is null)
        {
            return null;
        }

        var (assessment, publication, info) = found.Value;
        // A published version never changes (the database refuses it), so its ranking is built once and kept.
        var built = await cache.GetOrCreateAsync(("published-ranking", publication.Id), async entry =>
        {
            entry.SlidingExpiration = TimeSpan.FromHours(1);
            return await BuildRankingAsync(assessment, publication, cancellationToken);
        });
        return built! with { Publication = info, Title = assessment.Title };
    }

    private async Task<YearRanking> BuildRankingAsync(AssessmentYear assessment, Publication publication, CancellationToken cancellationToken)
    {
        var units = await db.PublicationUnits.AsNoTracking().Where(u => u.PublicationId == publication.Id).ToListAsync(cancellationToken);
        var updatedAt = publication.ResultsUpdatedAt ?? publication.ProposedAt;
        var lines = units.Select(u => new RankingService.ResultLine(u.UnitId, u.UnitCode, u.UnitName, u.BlocCode, u.BlocName, u.BlocOrder,
            IndexResult.Create(u.Appraisal, u.Survey, u.ApplicableMaximum, u.BonusPenalty, u.AppraisalMaximum, u.SurveyMaximum), updatedAt)).ToList();
        var previous = new RankingService.PreviousStandings();
        foreach (var unit in units.Where(u => u.PreviousIndex is not null))
        {
            if (!previous.ByBloc.TryGetValue(unit.BlocCode, out var map))
            {
                previous.ByBloc[unit.BlocCode] = map = new Dictionary<string, PreviousStanding>(StringComparer.Ordinal);
            }

            map[unit.UnitCode] = new PreviousStanding(unit.PreviousRank, unit.PreviousIndex!.Value);
            if (unit.PreviousFrom is { } from)
            {
                previous.From[unit.UnitCode] = from;
            }
        }

        var classes = JsonSerializer.Deserialize<List<IndexClass>>(publication.Classes, Json) ?? [];
        var survey = units.Where(u => u.SurveyStats is not null)
            .ToDictionary(u => u.UnitId, u => JsonSerializer.Deserialize<UnitSurveyStats>(u.SurveyStats!, Json)!);
        var header = new YearRanking(assessment.Year, assessment.Title, assessment.IsDemo, publication.ComparedWithYear, updatedAt, [])
        {
            Awards = new AwardRule(publication.AwardTop, publication.ProgressRankGain, publication.ProgressIndexGain),
        };
        return RankingService.Build(header, lines, previous, classes.Count == 0 ? null : new ClassScheme(classes), survey);
    }

    /// <summary>A unit's card in a published version (the latest unless <paramref name="version"/> is given); null when not published or not in it.</summary>
    public async Task<UnitScoreCard?> GetCardAsync(int year, string unitCode, int? version = null, CancellationToken cancellationToken = default)
    {
        var ranking = await GetRankingAsync(year, version, cancellationToken);
        var (bloc, line) = ranking?.Find(unitCode) ?? default;
        if (line is null)
        {
            return null;
        }

        var publicationId = (await FindAsync(year, ranking!.Publication!.Version, cancellationToken))!.Value.Publication.Id;
        var unit = await db.PublicationUnits.AsNoTracking()
            .SingleAsync(u => u.PublicationId == publicationId && u.UnitCode == line.UnitCode, cancellationToken);
        var nodes = await db.PublicationNodes.AsNoTracking()
            .Where(n => n.PublicationId == publicationId && n.UnitId == unit.UnitId)
            .OrderBy(n => n.Position).ToListAsync(cancellationToken);
        return new UnitScoreCard(year, line.UnitCode, line.UnitName, bloc!.Name, line, unit.FrameworkName,
            [.. nodes.Select(UnitScoreCardService.ToCardNode)])
        {
            Publication = ranking.Publication,
            BlocCode = bloc.Code,
            FrameworkId = unit.FrameworkId,
        };
    }

    /// <summary>The id of a year's published version; null when that version is not published.</summary>
    internal async Task<int?> PublishedIdAsync(int year, int version, CancellationToken cancellationToken) =>
        (await FindAsync(year, version, cancellationToken))?.Publication.Id;

    private async Task<(AssessmentYear Year, Publication Publication, PublicationInfo Info)?> FindAsync(int year, int? version,
        CancellationToken cancellationToken)
    {
        if (!(await PublishedAsync(cancellationToken)).TryGetValue(year, out var found))
        {
            return null;
        }

        var published = found.Versions;
        var index = version is { } v ? published.FindIndex(p => p.Version == v) : 0;
        return index < 0 ? null : (found.Year, published[index], Info(published[index], index == 0 ? null : published[index - 1].Version));
    }

    /// <summary>
    /// Every year's published versions, latest first, read in one query the first time this scope (a
    /// request) needs them and again only after the publications changed: however many years a score
    /// card's trend goes through, finding their versions costs one round trip.
    /// </summary>
    private async Task<Dictionary<int, (AssessmentYear Year, List<Publication> Versions)>> PublishedAsync(CancellationToken cancellationToken)
    {
        var current = generation.Current; // read first: a change during the query is seen by the next call
        if (_published is { } memo && memo.Generation == current)
        {
            return memo.Years;
        }

        var rows = await (from p in db.Publications.AsNoTracking()
                          join y in db.Years.AsNoTracking() on p.AssessmentYearId equals y.Id
                          where p.Status == PublicationStatus.Published
                          select new { Publication = p, Year = y }).ToListAsync(cancellationToken);
        var years = rows.GroupBy(r => r.Year.Year)
            .ToDictionary(g => g.Key, g => (g.First().Year, g.Select(r => r.Publication).OrderByDescending(p => p.Version).ToList()));
        _published = (current, years);
        return years;
    }

    private static PublicationInfo Info(Publication p, int? supersededBy) =>
        new(p.Version, p.Status, p.ProposedAt, p.DecisionNumber, p.DecisionDate, p.DecidedAt, p.CorrectionReason, supersededBy)
        {
            Seal = p is { ContentHash: { } content, AuditSequence: { } sequence, AuditHead: { } head } ? (content, sequence, head) : null,
        };

    private async Task<(AssessmentYear? Year, Outcome? Failure)> LockYearAsync(int year, CancellationToken cancellationToken)
    {
        // Publication steps of one year wait for each other.
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock(8073, {year})", cancellationToken);
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        return assessment is null ? (null, Outcome.NotFound(Messages.Get("YearNotFound", year))) : (assessment, null);
    }

    private async Task<Outcome> LockedRefusalAsync(AssessmentYear assessment, CancellationToken cancellationToken) =>
        Outcome.Conflict(await ResultsLock.MessageAsync(db, assessment, cancellationToken), null);

    private static T? ParseOptional<T>(string? text, string field, string minimum, List<FieldProblem> problems, Func<string, T?> parse)
        where T : struct
    {
        var value = (text ?? "").Trim();
        if (value.Length == 0)
        {
            return null;
        }

        var parsed = parse(value);
        if (parsed is null)
        {
            problems.Add(new FieldProblem(field, Messages.Get("AwardValueInvalid", value, minimum)));
        }

        return parsed;
    }

    private static string Describe(AwardRule rule) => string.Create(CultureInfo.InvariantCulture,
        $"top={rule.Top?.ToString(CultureInfo.InvariantCulture) ?? "-"}; rank+={rule.RankGain?.ToString(CultureInfo.InvariantCulture) ?? "-"}; index+={rule.IndexGain?.ToString(CultureInfo.InvariantCulture) ?? "-"}");

    private sealed record YearFrameworks(Dictionary<int, StoredFramework> ById, Dictionary<int, FrameworkVersion> ByUnit, Dictionary<int, int> FrameworkOfUnit);

    private async Task<YearFrameworks> FrameworksOfAsync(int yearId, CancellationToken cancellationToken)
    {
        var participants = await db.YearUnits.AsNoTracking().Where(u => u.AssessmentYearId == yearId && u.FrameworkId != null)
            .Select(u => new { u.UnitId, FrameworkId = u.FrameworkId!.Value }).ToListAsync(cancellationToken);
        var ids = participants.Select(p => p.FrameworkId).Distinct().ToList();
        var versions = await db.Frameworks.AsNoTracking().Include(f => f.Nodes).Where(f => ids.Contains(f.Id)).ToListAsync(cancellationToken);
        var byId = versions.ToDictionary(v => v.Id);
        return new YearFrameworks(
            versions.ToDictionary(v => v.Id, v => StoredFramework.From(v, v.Nodes)),
            participants.ToDictionary(p => p.UnitId, p => byId[p.FrameworkId]),
            participants.ToDictionary(p => p.UnitId, p => p.FrameworkId));
    }

    /// <summary>Every node of every scored unit's card, by binary COPY (a national year is half a million rows).</summary>
    private async Task CopyNodesAsync(int publicationId, int yearId, YearFrameworks frameworks, CancellationToken cancellationToken)
    {
        var snapshotUnits = await db.PublicationUnits.AsNoTracking().Where(u => u.PublicationId == publicationId)
            .Select(u => u.UnitId).ToListAsync(cancellationToken);
        var scores = (await db.LeafScores.AsNoTracking().Where(s => s.AssessmentYearId == yearId).ToListAsync(cancellationToken))
            .ToLookup(s => s.UnitId);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await using var writer = await connection.BeginBinaryImportAsync(
            "COPY publication_nodes (publication_id, unit_id, position, code, name, level, is_leaf, max_points, applicable_maximum, achieved, " +
            "bonus_penalty, sub_index, not_applicable, component, rule, input_kind, input_first, input_second, input_label) FROM STDIN (FORMAT BINARY)",
            cancellationToken);
        foreach (var unitId in snapshotUnits)
        {
            if (!frameworks.FrameworkOfUnit.TryGetValue(unitId, out var frameworkId))
            {
                continue;
            }

            foreach (var node in UnitScoreCardService.NodesOf(frameworks.ById[frameworkId], scores[unitId]))
            {
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(publicationId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(unitId, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(node.Position, NpgsqlDbType.Integer, cancellationToken);
                await writer.WriteAsync(node.Code, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(node.Name, NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync((short)node.Level, NpgsqlDbType.Smallint, cancellationToken);
                await writer.WriteAsync(node.IsLeaf, NpgsqlDbType.Boolean, cancellationToken);
                await writer.WriteAsync(node.MaxPoints, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(node.ApplicableMaximum, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(node.Achieved, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(node.BonusPenalty, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullableAsync(writer, node.SubIndex, NpgsqlDbType.Numeric, cancellationToken);
                await writer.WriteAsync(node.NotApplicable, NpgsqlDbType.Boolean, cancellationToken);
                await WriteNullableAsync(writer, node.Component is { } c ? (short?)c : null, NpgsqlDbType.Smallint, cancellationToken);
                await WriteNullableAsync(writer, node.Rule, NpgsqlDbType.Text, cancellationToken);
                await WriteNullableAsync(writer, node.InputKind is { } k ? (short?)k : null, NpgsqlDbType.Smallint, cancellationToken);
                await WriteNullableAsync(writer, node.InputFirst, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullableAsync(writer, node.InputSecond, NpgsqlDbType.Numeric, cancellationToken);
                await WriteNullableAsync(writer, node.InputLabel, NpgsqlDbType.Text, cancellationToken);
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter writer, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
        where T : struct =>
        value is { } v ? writer.WriteAsync(v, type, cancellationToken) : writer.WriteNullAsync(cancellationToken);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter writer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? writer.WriteNullAsync(cancellationToken) : writer.WriteAsync(value, type, cancellationToken);
}
