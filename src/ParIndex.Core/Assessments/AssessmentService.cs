using Microsoft.EntityFrameworkCore;
using Npgsql;
using ParIndex.Core.Accounts;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Evidence;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Notifications;
using ParIndex.Core.Results;
using ParIndex.Core.Years;
using ParIndex.Scoring;

namespace ParIndex.Core.Assessments;

/// <summary>
/// The workflow of one unit's assessment: self-assessment, submission, appraisal round 1, explanation,
/// round 2 and finalisation. Each operation checks who may do it and when (<see cref="UnitAssessment"/>),
/// validates, records the change in the audit trail and notifies, in one transaction. Leaf saves name
/// the version they started from; a stale version is a conflict, never a silent overwrite.
/// </summary>
public sealed class AssessmentService(ParIndexDbContext db, AuditLog audit, Notifier notifier, ResultsService results, TimeProvider clock)
{
    /// <summary>Loads a unit's assessment for an actor; null if the year or unit does not exist or takes no part.</summary>
    public async Task<UnitAssessment?> LoadAsync(Actor actor, int year, string unitCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        // The year, the unit and its part in the year in one query (all tracked), then its framework with its nodes in another.
        var found = await (from y in db.Years
                           where y.Year == year
                           from u in db.Units
                           where u.Code == unitCode
                           join yu in db.YearUnits on new { Year = y.Id, Unit = u.Id } equals new { Year = yu.AssessmentYearId, Unit = yu.UnitId }
                           select new { Year = y, Unit = u, YearUnit = yu, yu.Bloc }).SingleOrDefaultAsync(cancellationToken);
        if (found is not { Year: var assessment, Unit: var unit, YearUnit: { FrameworkId: { } frameworkId } yearUnit })
        {
            return null;
        }

        var version = await db.Frameworks.AsNoTracking().Include(f => f.Nodes).SingleAsync(f => f.Id == frameworkId, cancellationToken);
        var nodes = version.Nodes;
        // An appraiser never appraises the agency they work for (conflict of interest), whatever the assignments say.
        var assignments = actor.Is(Roles.Appraiser)
            && !await db.Users.AnyAsync(u => u.Id == actor.UserId && u.WorksAtUnitId == unit.Id, cancellationToken)
            ? await db.AppraiserAssignments.AsNoTracking()
                .Where(a => a.UserId == actor.UserId && a.AssessmentYearId == assessment.Id)
                .ToListAsync(cancellationToken)
            : [];
        var extensions = await db.DeadlineExtensions.AsNoTracking()
            .Where(e => e.AssessmentYearId == assessment.Id && e.UnitId == unit.Id)
            .ToListAsync(cancellationToken);
        var proposed = await db.Publications.AnyAsync(
            p => p.AssessmentYearId == assessment.Id && p.Status != Publishing.PublicationStatus.Rejected, cancellationToken);
        return new UnitAssessment(actor, clock.GetUtcNow(), assessment, yearUnit, unit, StoredFramework.From(version, nodes), nodes,
            assignments, extensions, proposed);
    }

    /// <summary>The unit's entries (tracked), by node id, with their evidence links.</summary>
    public async Task<Dictionary<int, LeafEntry>> EntriesAsync(UnitAssessment unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return await db.LeafEntries
            .Include(e => e.Evidence).ThenInclude(l => l.EvidenceFile)
            .Where(e => e.AssessmentYearId == unit.Year.Id && e.UnitId == unit.Unit.Id)
            .ToDictionaryAsync(e => e.NodeId, cancellationToken);
    }

    /// <summary>The unit's sheet for the actor; NotFound / Forbidden outcomes when they may not see it.</summary>
    public async Task<Outcome> SheetAsync(Actor actor, int year, string unitCode, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        var entries = await EntriesAsync(unit, cancellationToken);
        var framework = unit.Framework.Framework;
        var leaves = unit.AppraisalLeaves.ToList();
        SheetProgress Progress(Func<LeafEntry, LeafInput> pick)
        {
            var inputs = framework.NewInputs();
            foreach (var leaf in leaves)
            {
                if (entries.TryGetValue(unit.NodesByCode[leaf.Code].Id, out var entry))
                {
                    inputs[leaf.LeafIndex] = pick(entry);
                }
            }

            var scored = framework.TryScore(inputs, out _);
            return new SheetProgress(
                leaves.Count(l => l.Rule!.CountsTowardMaximum && inputs[l.LeafIndex].Kind != LeafInputKind.Missing),
                leaves.Count(l => l.Rule!.CountsTowardMaximum),
                scored?.Index.Appraisal ?? 0m,
                scored?.Index.AppraisalMaximum ?? framework.AppraisalMaximum,
                scored?.Index.AppraisalMaximum is > 0m and var max ? scored.Index.Appraisal * 100m / max : 0m);
        }

        var progress = Progress(e => e.SelfInput);
        var appraised = entries.Values.Any(e => e.FirstDecision != AppraisalDecision.None) ? Progress(e => e.FinalInput) : null;

        var areas = framework.Areas
            .Where(a => unit.SeesArea(a.Code))
            .Select(area => new SheetArea(area.Code, area.Name, area.MaxPoints, leaves
                .Where(l => UnitAssessment.AreaOf(l) == area)
                .Select(l => Leaf(unit, l, entries.GetValueOrDefault(unit.NodesByCode[l.Code].Id)))
                .ToList()))
            .Where(a => a.Leaves.Count > 0)
            .ToList();
        var sheet = new UnitSheet(unit.Year.Year, unit.Unit.Id, unit.Unit.Code, unit.Unit.Name, unit.YearUnit.Bloc?.Name ?? "", unit.Status, unit.Phase, unit.Round,
            unit.UnitDeadline(AssessmentPhase.SelfAssessment), unit.UnitDeadline(AssessmentPhase.Explanation),
            new SheetActions(unit.CanEditSelf, unit.CanSubmit, unit.CanCloseFirstRound, unit.CanRespond, unit.CanSendExplanation, unit.CanFinalise)
            {
                AmendFinal = unit.CanAmendFinal,
                ReturnToUnit = unit.CanReturnToUnit,
                ReopenFirstRound = unit.CanReopenFirstRound,
                Unfinalise = unit.CanUnfinalise,
            },
            progress, appraised, areas, unit.CanEditSelf ? SubmitProblems(unit, entries) : [])
        {
            LockedBecause = unit.Year.ResultsLocked ? await Publishing.ResultsLock.MessageAsync(db, unit.Year, cancellationToken) : null,
        };
        return Outcome.Ok(sheet);
    }

    private static SheetLeaf Leaf(UnitAssessment unit, FrameworkNode leaf, LeafEntry? entry)
    {
        var rule = leaf.Rule!;
        SheetInput Input(LeafInput input) => new(input.Kind, input.First, input.Second,
            rule.Check(leaf.MaxPoints, input) == InputProblem.None ? rule.Evaluate(leaf.MaxPoints, input) : null);
        var sheetRule = SheetRule.From(rule);
        entry ??= new LeafEntry();
        var final = unit.Status == UnitStatus.Final || entry.FirstDecision != AppraisalDecision.None || entry.SecondDecision != AppraisalDecision.None
            ? Input(entry.FinalInput).Points
            : null;
        return new SheetLeaf(leaf.Code, leaf.Name, leaf.Parent?.Name ?? "", leaf.MaxPoints, sheetRule, unit.NodesByCode[leaf.Code].EvidenceRequired,
            entry.Version, Input(entry.SelfInput), entry.SelfNote,
            entry.FirstDecision, entry.FirstDecision == AppraisalDecision.None ? null : Input(entry.FirstInput), entry.FirstReason, entry.Flagged,
            entry.Response,
            entry.SecondDecision, entry.SecondDecision == AppraisalDecision.None ? null : Input(entry.SecondInput), entry.SecondReason,
            final, unit.CanAppraise(leaf, entry), entry.NeedsExplanation,
            [.. entry.Evidence.Select(e => new SheetEvidence(e.EvidenceFileId, e.EvidenceFile?.FileName ?? "", e.EvidenceFile?.SizeBytes ?? 0,
                e.Stage == EvidenceStage.SelfAssessment ? "self" : "explanation"))]);
    }

    /// <summary>Saves a unit's self-assessment of one leaf (input and note) as a draft.</summary>
    public async Task<Outcome> SaveSelfAsync(Actor actor, int year, string unitCode, string leafCode, LeafInput input, string? note,
        int expectedVersion, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanEditSelf)
        {
            return Refuse(unit, "SelfClosed");
        }

        if (FindLeaf(unit, leafCode) is not { } leaf || leaf.Component != Component.Appraisal)
        {
            return Outcome.NotFound(Messages.Get("LeafNotFound", leafCode));
        }

        if (CheckInput(leaf, input, "input") is { } problem)
        {
            return Outcome.Invalid([problem]);
        }

        var entry = await EntryAsync(unit, leaf, cancellationToken);
        if (entry.Version != expectedVersion)
        {
            return Conflict(entry);
        }

        note = (note ?? "").Trim();
        var nodeId = unit.NodesByCode[leaf.Code].Id;
        audit.Record(actor, AuditSubjects.SelfScore, InputText.Format(entry.SelfInput), InputText.Format(input), null, unit.Year.Id, unit.Unit.Id, nodeId);
        audit.Record(actor, AuditSubjects.SelfNote, Blank(entry.SelfNote), Blank(note), null, unit.Year.Id, unit.Unit.Id, nodeId);
        entry.SelfInput = input;
        entry.SelfNote = note;
        if (unit.Status == UnitStatus.NotStarted)
        {
            SetStatus(unit, UnitStatus.Drafting, null);
        }

        return await SaveEntryAsync(entry, actor, cancellationToken);
    }

    /// <summary>
    /// Fills every empty leaf of the draft with the unit's settled input of the year before (same leaf
    /// code and rule), with its note and evidence links; returns how many leaves were filled.
    /// </summary>
    public async Task<Outcome> PrefillFromPreviousYearAsync(Actor actor, int year, string unitCode, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanEditSelf)
        {
            return Refuse(unit, "SelfClosed");
        }

        var previous = await db.Years.SingleOrDefaultAsync(y => y.Year == year - 1, cancellationToken);
        var previousScores = previous is null
            ? []
            : await (from s in db.LeafScores
                     join n in db.FrameworkNodes on s.NodeId equals n.Id
                     where s.AssessmentYearId == previous.Id && s.UnitId == unit.Unit.Id
                     select new { n.Code, n.RuleKind, Score = s }).ToListAsync(cancellationToken);
        if (previousScores.Count == 0)
        {
            return Outcome.Invalid("", Messages.Get("NoPreviousYear", year - 1));
        }

        var previousEntries = await (from e in db.LeafEntries.Include(e => e.Evidence)
                                     join n in db.FrameworkNodes on e.NodeId equals n.Id
                                     where e.AssessmentYearId == previous!.Id && e.UnitId == unit.Unit.Id
                                     select new { n.Code, Entry = e }).ToDictionaryAsync(x => x.Code, x => x.Entry, StringComparer.Ordinal, cancellationToken);
        var entries = await EntriesAsync(unit, cancellationToken);
        var filled = 0;
        foreach (var old in previousScores)
        {
            if (FindLeaf(unit, old.Code) is not { Component: Component.Appraisal } leaf
                || !string.Equals(RuleCodec.KindOf(leaf.Rule!), old.RuleKind, StringComparison.Ordinal))
            {
                continue;
            }

            var input = ResultsService.ToInput(old.Score);
            var nodeId = unit.NodesByCode[leaf.Code].Id;
            if (input.Kind == LeafInputKind.Missing || leaf.Rule!.Check(leaf.MaxPoints, input) != InputProblem.None
                || (entries.TryGetValue(nodeId, out var existing) && existing.SelfKind != LeafInputKind.Missing))
            {
                continue;
            }

            var entry = existing ?? NewEntry(unit, nodeId);
            entry.SelfInput = input;
            if (previousEntries.TryGetValue(old.Code, out var before))
            {
                entry.SelfNote = before.SelfNote;
                foreach (var link in before.Evidence.Where(l => entry.Evidence.All(x => x.EvidenceFileId != l.EvidenceFileId)))
                {
                    entry.Evidence.Add(new LeafEvidence { EvidenceFileId = link.EvidenceFileId, Stage = EvidenceStage.SelfAssessment, LinkedAt = unit.Now });
                }
            }

            Touch(entry, actor);
            audit.Record(actor, AuditSubjects.SelfScore, null, InputText.Format(input), Messages.Get("PrefillReason", year - 1), unit.Year.Id, unit.Unit.Id, nodeId);
            filled++;
        }

        if (filled > 0 && unit.Status == UnitStatus.NotStarted)
        {
            SetStatus(unit, UnitStatus.Drafting, null);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(filled);
    }

    /// <summary>Links a document of the unit's library to a leaf, at self-assessment or with the explanation.</summary>
    public async Task<Outcome> LinkEvidenceAsync(Actor actor, int year, string unitCode, string leafCode, int evidenceId, bool link,
        CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        var stage = unit.CanEditSelf ? EvidenceStage.SelfAssessment : EvidenceStage.Explanation;
        if (!unit.CanEditSelf && !unit.CanRespond)
        {
            return Refuse(unit, "SelfClosed");
        }

        if (FindLeaf(unit, leafCode) is not { Component: Component.Appraisal } leaf)
        {
            return Outcome.NotFound(Messages.Get("LeafNotFound", leafCode));
        }

        var file = await db.EvidenceFiles.SingleOrDefaultAsync(f => f.Id == evidenceId && f.UnitId == unit.Unit.Id, cancellationToken);
        if (file is null)
        {
            return Outcome.NotFound(Messages.Get("EvidenceNotFound", evidenceId));
        }

        var entry = await EntryAsync(unit, leaf, cancellationToken);
        if (stage == EvidenceStage.Explanation && !entry.NeedsExplanation)
        {
            return Outcome.Invalid("evidence", Messages.Get("NothingToExplain", leaf.Code));
        }

        var existing = entry.Evidence.SingleOrDefault(l => l.EvidenceFileId == evidenceId);
        var nodeId = unit.NodesByCode[leaf.Code].Id;
        if (link && existing is null)
        {
            entry.Evidence.Add(new LeafEvidence { EvidenceFileId = evidenceId, Stage = stage, LinkedAt = unit.Now });
            audit.Record(actor, AuditSubjects.Evidence, null, file.FileName, null, unit.Year.Id, unit.Unit.Id, nodeId);
        }
        else if (!link && existing is not null)
        {
            if (existing.Stage != stage)
            {
                return Outcome.Invalid("evidence", Messages.Get("EvidenceLocked"));
            }

            entry.Evidence.Remove(existing);
            audit.Record(actor, AuditSubjects.Evidence, file.FileName, null, null, unit.Year.Id, unit.Unit.Id, nodeId);
        }

        return await SaveEntryAsync(entry, actor, cancellationToken);
    }

    /// <summary>The problems that stop a unit from submitting: leaves without input, evidence-required leaves without evidence or explanation.</summary>
    public static IReadOnlyList<FieldProblem> SubmitProblems(UnitAssessment unit, IReadOnlyDictionary<int, LeafEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(entries);
        var problems = new List<FieldProblem>();
        foreach (var leaf in unit.AppraisalLeaves)
        {
            var row = unit.NodesByCode[leaf.Code];
            var entry = entries.GetValueOrDefault(row.Id);
            var input = entry?.SelfInput ?? LeafInput.Missing;
            if (input.Kind == LeafInputKind.Missing)
            {
                if (leaf.Rule!.CountsTowardMaximum)
                {
                    problems.Add(new FieldProblem(leaf.Code, Messages.Get("LeafNotEntered", leaf.Code)));
                }

                continue;
            }

            if (row.EvidenceRequired && leaf.Rule!.Evaluate(leaf.MaxPoints, input) > 0m && entry!.Evidence.Count == 0
                && entry.SelfNote.Length < MinimumExplanationLength)
            {
                problems.Add(new FieldProblem(leaf.Code, Messages.Get("EvidenceOrExplanationNeeded", leaf.Code, MinimumExplanationLength)));
            }
        }

        return problems;
    }

    /// <summary>How long a written explanation must be to stand in for missing evidence.</summary>
    public const int MinimumExplanationLength = 30;

    /// <summary>The unit head submits the self-assessment; from then on the unit's entries are read-only.</summary>
    public async Task<Outcome> SubmitAsync(Actor actor, int year, string unitCode, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanSubmit)
        {
            return unit.CanEditSelf ? Outcome.Forbidden(Messages.Get("OnlyHeadSubmits")) : Refuse(unit, "SelfClosed");
        }

        var problems = SubmitProblems(unit, await EntriesAsync(unit, cancellationToken));
        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        unit.YearUnit.SubmittedAt = unit.Now;
        SetStatus(unit, UnitStatus.Submitted, null);
        await notifier.ToCouncilAsync(unit.Year.Id, unit.Unit.Id, Link(unit), "NotifySubmitted", [unit.Unit.Name, unit.Year.Year], cancellationToken);
        return await SaveStatusAsync(cancellationToken);
    }

    /// <summary>
    /// An appraiser's decision on one leaf in the unit's current round: accept, or adjust to another
    /// input with a reason; in round 1 the leaf may also be flagged for explanation.
    /// </summary>
    public async Task<Outcome> AppraiseAsync(Actor actor, int year, string unitCode, string leafCode, AppraisalDecision decision,
        LeafInput adjusted, string? reason, bool flag, int expectedVersion, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (FindLeaf(unit, leafCode) is not { Component: Component.Appraisal } leaf)
        {
            return Outcome.NotFound(Messages.Get("LeafNotFound", leafCode));
        }

        var entry = await EntryAsync(unit, leaf, cancellationToken);
        if (!unit.CanAppraise(leaf, entry))
        {
            return Refuse(unit, "AppraisalClosed");
        }

        reason = (reason ?? "").Trim();
        var round = unit.Round;
        flag = round == 1 ? flag : entry.Flagged; // round 2 settles; it does not ask again
        var problems = new List<FieldProblem>();
        if (decision == AppraisalDecision.None && !(round == 1 && flag))
        {
            problems.Add(new FieldProblem("decision", Messages.Get("DecisionRequired")));
        }

        if (decision == AppraisalDecision.ExplanationAccepted && round != 2)
        {
            problems.Add(new FieldProblem("decision", Messages.Get("ExplanationAcceptedRound2", leaf.Code)));
        }

        if (decision == AppraisalDecision.Adjusted)
        {
            if (reason.Length == 0)
            {
                problems.Add(new FieldProblem("reason", Messages.Get("ReasonRequired", leaf.Code)));
            }

            if (adjusted.Kind == LeafInputKind.Missing)
            {
                problems.Add(new FieldProblem("input", Messages.Get("AdjustedInputRequired", leaf.Code)));
            }
            else if (CheckInput(leaf, adjusted, "input") is { } problem)
            {
                problems.Add(problem);
            }
        }

        if (round == 1 && flag && reason.Length == 0 && decision != AppraisalDecision.Adjusted)
        {
            problems.Add(new FieldProblem("reason", Messages.Get("FlagReasonRequired", leaf.Code)));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        if (entry.Version != expectedVersion)
        {
            return Conflict(entry);
        }

        var nodeId = unit.NodesByCode[leaf.Code].Id;
        var before = round == 1 ? Describe(entry.FirstDecision, entry.FirstInput) : Describe(entry.SecondDecision, entry.SecondInput);
        if (round == 1)
        {
            entry.FirstDecision = decision;
            entry.FirstInput = decision == AppraisalDecision.Adjusted ? adjusted : LeafInput.Missing;
            entry.FirstReason = reason;
            if (entry.Flagged != flag)
            {
                audit.Record(actor, AuditSubjects.Flag, entry.Flagged ? "yes" : "no", flag ? "yes" : "no", reason, unit.Year.Id, unit.Unit.Id, nodeId);
            }

            entry.Flagged = flag;
        }
        else
        {
            entry.SecondDecision = decision;
            entry.SecondInput = decision == AppraisalDecision.Adjusted ? adjusted : LeafInput.Missing;
            entry.SecondReason = reason;
        }

        var after = round == 1 ? Describe(entry.FirstDecision, entry.FirstInput) : Describe(entry.SecondDecision, entry.SecondInput);
        if (before != after || decision != AppraisalDecision.None)
        {
            audit.Record(actor, round == 1 ? AuditSubjects.FirstRound : AuditSubjects.SecondRound, before, after, reason, unit.Year.Id, unit.Unit.Id, nodeId);
        }
        if (unit.Status == UnitStatus.Submitted)
        {
            SetStatus(unit, UnitStatus.InAppraisal, null);
        }

        return await SaveEntryAsync(entry, actor, cancellationToken);
    }

    /// <summary>
    /// Round 1: accepts, as they stand, every leaf of the unit that the actor may appraise and that has
    /// no decision yet and no request to explain (each one audited); returns how many.
    /// </summary>
    public async Task<Outcome> AcceptRemainingAsync(Actor actor, int year, string unitCode, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanCloseFirstRound)
        {
            return Refuse(unit, "AppraisalClosed");
        }

        var entries = await EntriesAsync(unit, cancellationToken);
        var accepted = 0;
        foreach (var leaf in unit.AppraisalLeaves)
        {
            var nodeId = unit.NodesByCode[leaf.Code].Id;
            var entry = entries.GetValueOrDefault(nodeId);
            if (!unit.CanAppraise(leaf, entry) || entry is { FirstDecision: not AppraisalDecision.None } or { Flagged: true })
            {
                continue;
            }

            entry ??= NewEntry(unit, nodeId);
            entry.FirstDecision = AppraisalDecision.Accepted;
            Touch(entry, actor);
            audit.Record(actor, AuditSubjects.FirstRound, null, "accepted", null, unit.Year.Id, unit.Unit.Id, nodeId);
            accepted++;
        }

        if (accepted > 0 && unit.Status == UnitStatus.Submitted)
        {
            SetStatus(unit, UnitStatus.InAppraisal, null);
        }

        var saved = await SaveStatusAsync(cancellationToken);
        return saved.Succeeded ? Outcome.Ok(accepted) : saved;
    }

    /// <summary>Closes round 1 for a unit once every leaf has a decision; the unit then explains.</summary>
    public async Task<Outcome> CloseFirstRoundAsync(Actor actor, int year, string unitCode, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanCloseFirstRound)
        {
            return Refuse(unit, "AppraisalClosed");
        }

        var entries = await EntriesAsync(unit, cancellationToken);
        var undecided = unit.AppraisalLeaves
            .Where(l => entries.GetValueOrDefault(unit.NodesByCode[l.Code].Id) is not ({ FirstDecision: not AppraisalDecision.None } or { Flagged: true }))
            .Select(l => new FieldProblem(l.Code, Messages.Get("LeafNotAppraised", l.Code)))
            .ToList();
        if (undecided.Count > 0)
        {
            return Outcome.Invalid(undecided);
        }

        unit.YearUnit.FirstRoundClosedAt = unit.Now;
        SetStatus(unit, UnitStatus.Explaining, null);
        var asked = entries.Values.Count(e => e.NeedsExplanation);
        await notifier.ToUnitAsync(unit.Unit.Id, Link(unit), "NotifyExplain", [unit.Year.Year, asked, Display(unit.UnitDeadline(AssessmentPhase.Explanation))], null, cancellationToken);
        return await SaveStatusAsync(cancellationToken);
    }

    /// <summary>The unit's explanation of a flagged or adjusted leaf.</summary>
    public async Task<Outcome> RespondAsync(Actor actor, int year, string unitCode, string leafCode, string? response, int expectedVersion,
        CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanRespond)
        {
            return Refuse(unit, "ExplanationClosed");
        }

        if (FindLeaf(unit, leafCode) is not { Component: Component.Appraisal } leaf)
        {
            return Outcome.NotFound(Messages.Get("LeafNotFound", leafCode));
        }

        var entry = await EntryAsync(unit, leaf, cancellationToken);
        if (!entry.NeedsExplanation)
        {
            return Outcome.Invalid("response", Messages.Get("NothingToExplain", leaf.Code));
        }

        if (entry.Version != expectedVersion)
        {
            return Conflict(entry);
        }

        response = (response ?? "").Trim();
        audit.Record(actor, AuditSubjects.Response, Blank(entry.Response), Blank(response), null, unit.Year.Id, unit.Unit.Id, unit.NodesByCode[leaf.Code].Id);
        entry.Response = response;
        return await SaveEntryAsync(entry, actor, cancellationToken);
    }

    /// <summary>The unit head sends the explanations; round 2 can then settle the unit's explained leaves.</summary>
    public async Task<Outcome> SendExplanationAsync(Actor actor, int year, string unitCode, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanSendExplanation)
        {
            return unit.CanRespond ? Outcome.Forbidden(Messages.Get("OnlyHeadSubmits")) : Refuse(unit, "ExplanationClosed");
        }

        unit.YearUnit.ExplainedAt = unit.Now;
        SetStatus(unit, UnitStatus.InAppraisal, null);
        await notifier.ToCouncilAsync(unit.Year.Id, unit.Unit.Id, Link(unit), "NotifyExplained", [unit.Unit.Name, unit.Year.Year], cancellationToken);
        return await SaveStatusAsync(cancellationToken);
    }

    /// <summary>
    /// The secretary finalises a unit: every explained leaf settled in round 2 (or nothing to explain),
    /// the settled inputs become the unit's scores, and the unit's result is recomputed by the engine (its bloc is ranked again when read).
    /// </summary>
    public async Task<Outcome> FinaliseAsync(Actor actor, int year, string unitCode, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanFinalise)
        {
            return Refuse(unit, "FinalisationClosed");
        }

        var entries = await EntriesAsync(unit, cancellationToken);
        var codes = unit.NodesByCode.Values.ToDictionary(n => n.Id, n => n.Code);
        var pending = entries.Values.Where(e => e.NeedsExplanation
                && (unit.YearUnit.ExplainedAt is null || e.SecondDecision == AppraisalDecision.None))
            .Select(e => codes[e.NodeId])
            .Select(code => new FieldProblem(code, Messages.Get("LeafNotSettled", code)))
            .ToList();
        if (pending.Count > 0)
        {
            return Outcome.Invalid(pending);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The settled inputs become the unit's scores: one upsert for every appraisal leaf.
        var leaves = unit.AppraisalLeaves.Select(l => unit.NodesByCode[l.Code].Id).ToArray();
        var inputs = leaves.Select(id => entries.GetValueOrDefault(id)?.FinalInput ?? LeafInput.Missing).ToArray();
        await db.Database.ExecuteSqlRawAsync(
            """
            INSERT INTO leaf_scores (assessment_year_id, unit_id, node_id, kind, first, second)
            SELECT @year, @unit, s.* FROM unnest(@nodes, @kinds, @firsts, @seconds) AS s
            ON CONFLICT (assessment_year_id, unit_id, node_id) DO UPDATE SET kind = EXCLUDED.kind, first = EXCLUDED.first, second = EXCLUDED.second
            """,
            [
                new Npgsql.NpgsqlParameter<int>("year", unit.Year.Id), new Npgsql.NpgsqlParameter<int>("unit", unit.Unit.Id),
                new Npgsql.NpgsqlParameter<int[]>("nodes", leaves),
                new Npgsql.NpgsqlParameter<short[]>("kinds", [.. inputs.Select(i => (short)i.Kind)]),
                new Npgsql.NpgsqlParameter<decimal[]>("firsts", [.. inputs.Select(i => i.First)]),
                new Npgsql.NpgsqlParameter<decimal[]>("seconds", [.. inputs.Select(i => i.Second)]),
            ],
            cancellationToken);

        unit.YearUnit.FinalisedAt = unit.Now;
        SetStatus(unit, UnitStatus.Final, null);
        await notifier.ToUnitAsync(unit.Unit.Id, Link(unit), "NotifyFinal", [unit.Year.Year], null, cancellationToken);
        var saved = await SaveStatusAsync(cancellationToken);
        if (!saved.Succeeded)
        {
            return saved;
        }

        await results.RecomputeUnitAsync(unit.Year, unit.Unit.Id, unit.Framework, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>
    /// The secretary returns a submitted self-assessment to the unit, with a reason, until round 1 closes
    /// for it: the unit drafts again (its entries editable, the head submits again) and the round-1
    /// decisions taken so far are withdrawn (each audited). When the self-assessment phase has closed,
    /// <paramref name="until"/> is the unit's new deadline (an extension); otherwise it may be left out.
    /// </summary>
    public async Task<Outcome> ReturnToUnitAsync(Actor actor, int year, string unitCode, string? reason, DateTimeOffset? until,
        CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanReturnToUnit)
        {
            return !actor.Is(Roles.Secretary) ? Outcome.Forbidden(Messages.Get("OnlySecretaryUndoes"))
                : Outcome.Conflict(Messages.Get("ReturnRefused", unit.Unit.Name, Messages.Get($"Status_{unit.Status}")), null);
        }

        var problems = new List<FieldProblem>();
        if (UndoReasonProblem(reason) is { } bad)
        {
            problems.Add(bad);
        }

        var selfOpen = unit.Phase == AssessmentPhase.SelfAssessment;
        if (!selfOpen && until is null)
        {
            problems.Add(new FieldProblem("until", Messages.Get("ReturnDeadlineRequired")));
        }
        else if (until is { } u && u <= unit.Now)
        {
            problems.Add(new FieldProblem("until", Messages.Get("ReturnDeadlineTooEarly")));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        reason = reason!.Trim();
        var entries = await EntriesAsync(unit, cancellationToken);
        var withdrawn = 0;
        foreach (var entry in entries.Values.Where(e => e.FirstDecision != AppraisalDecision.None || e.Flagged))
        {
            audit.Record(actor, AuditSubjects.FirstRound, Describe(entry.FirstDecision, entry.FirstInput) ?? (entry.Flagged ? "flagged" : null), null,
                Messages.Get("WithdrawnByReturn", reason), unit.Year.Id, unit.Unit.Id, entry.NodeId);
            entry.FirstDecision = AppraisalDecision.None;
            entry.FirstInput = LeafInput.Missing;
            entry.FirstReason = "";
            entry.Flagged = false;
            Touch(entry, actor);
            withdrawn++;
        }

        if (until is { } deadline && deadline > (unit.UnitDeadline(AssessmentPhase.SelfAssessment) ?? DateTimeOffset.MinValue))
        {
            var extension = await db.DeadlineExtensions.SingleOrDefaultAsync(
                e => e.AssessmentYearId == unit.Year.Id && e.UnitId == unit.Unit.Id && e.Phase == AssessmentPhase.SelfAssessment, cancellationToken);
            var old = extension?.Until ?? unit.Year.Closes(AssessmentPhase.SelfAssessment);
            if (extension is null)
            {
                extension = new DeadlineExtension { AssessmentYearId = unit.Year.Id, UnitId = unit.Unit.Id, Phase = AssessmentPhase.SelfAssessment, Reason = reason };
                db.DeadlineExtensions.Add(extension);
            }

            extension.Until = deadline.ToUniversalTime();
            extension.Reason = reason;
            extension.GrantedBy = actor.UserId;
            extension.GrantedAt = unit.Now;
            audit.Record(actor, AuditSubjects.Deadline, old is { } o ? $"SelfAssessment: {Utc(o)}" : null, $"SelfAssessment: {Utc(deadline)}", reason,
                unit.Year.Id, unit.Unit.Id);
        }

        unit.YearUnit.SubmittedAt = null;
        SetStatus(unit, UnitStatus.Drafting, reason);
        var newDeadline = until ?? unit.UnitDeadline(AssessmentPhase.SelfAssessment);
        await notifier.ToUnitAsync(unit.Unit.Id, Link(unit), "NotifyReturned", [unit.Year.Year, reason, Display(newDeadline)], null, cancellationToken);
        await notifier.ToCouncilAsync(unit.Year.Id, unit.Unit.Id, Link(unit), "NotifyReturnedCouncil", [unit.Unit.Name, unit.Year.Year, reason, withdrawn],
            cancellationToken);
        var saved = await SaveStatusAsync(cancellationToken);
        return saved.Succeeded ? Outcome.Ok(withdrawn) : saved;
    }

    /// <summary>
    /// The secretary reopens a unit's closed round 1, with a reason, until the explanation phase closes:
    /// the council appraises again (its decisions stay as they were until changed), the explanation sent
    /// so far is taken back (the answers stay), and the unit explains again once round 1 closes.
    /// </summary>
    public async Task<Outcome> ReopenFirstRoundAsync(Actor actor, int year, string unitCode, string? reason, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanReopenFirstRound)
        {
            return !actor.Is(Roles.Secretary) ? Outcome.Forbidden(Messages.Get("OnlySecretaryUndoes"))
                : Outcome.Conflict(Messages.Get("ReopenRefused", unit.Unit.Name, Messages.Get($"Status_{unit.Status}"), Messages.Get($"Phase_{unit.Phase}")), null);
        }

        if (UndoReasonProblem(reason) is { } bad)
        {
            return Outcome.Invalid([bad]);
        }

        reason = reason!.Trim();
        unit.YearUnit.FirstRoundClosedAt = null;
        unit.YearUnit.ExplainedAt = null;
        SetStatus(unit, UnitStatus.InAppraisal, reason);
        await notifier.ToUnitAsync(unit.Unit.Id, Link(unit), "NotifyReopened", [unit.Year.Year, reason], null, cancellationToken);
        await notifier.ToCouncilAsync(unit.Year.Id, unit.Unit.Id, Link(unit), "NotifyReopenedCouncil", [unit.Unit.Name, unit.Year.Year, reason], cancellationToken);
        return await SaveStatusAsync(cancellationToken);
    }

    /// <summary>
    /// The secretary takes back a unit's finalisation, with a reason, until the year's results are
    /// proposed: the unit returns to where it was before (round 2, or explaining), its settled appraisal
    /// scores and computed result are removed, so that the ranking no longer shows it until it is finalised again.
    /// </summary>
    public async Task<Outcome> UnfinaliseAsync(Actor actor, int year, string unitCode, string? reason, CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanUnfinalise)
        {
            return !actor.Is(Roles.Secretary) ? Outcome.Forbidden(Messages.Get("OnlySecretaryUndoes"))
                : unit.Status != UnitStatus.Final ? Outcome.Conflict(Messages.Get("UnfinaliseNotFinal", unit.Unit.Name), null)
                : Outcome.Conflict(Messages.Get("UnfinaliseProposed", year), null);
        }

        if (UndoReasonProblem(reason) is { } bad)
        {
            return Outcome.Invalid([bad]);
        }

        reason = reason!.Trim();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var appraisalNodes = unit.AppraisalLeaves.Select(l => unit.NodesByCode[l.Code].Id).ToList();
        await db.LeafScores.Where(s => s.AssessmentYearId == unit.Year.Id && s.UnitId == unit.Unit.Id && appraisalNodes.Contains(s.NodeId))
            .ExecuteDeleteAsync(cancellationToken);
        await db.UnitResults.Where(r => r.AssessmentYearId == unit.Year.Id && r.UnitId == unit.Unit.Id).ExecuteDeleteAsync(cancellationToken);
        unit.YearUnit.FinalisedAt = null;
        SetStatus(unit, unit.YearUnit.FirstRoundClosedAt is not null && unit.YearUnit.ExplainedAt is null ? UnitStatus.Explaining : UnitStatus.InAppraisal, reason);
        await notifier.ToUnitAsync(unit.Unit.Id, Link(unit), "NotifyUnfinalised", [unit.Year.Year, reason], null, cancellationToken);
        await notifier.ToCouncilAsync(unit.Year.Id, unit.Unit.Id, Link(unit), "NotifyUnfinalisedCouncil", [unit.Unit.Name, unit.Year.Year, reason], cancellationToken);
        var saved = await SaveStatusAsync(cancellationToken);
        if (!saved.Succeeded)
        {
            return saved;
        }

        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>The longest reason an undo takes (it is kept in the audit trail and sent to every person notified).</summary>
    public const int MaximumUndoReasonLength = 2000;

    /// <summary>An undo needs a reason, of a bounded length.</summary>
    private static FieldProblem? UndoReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? new FieldProblem("reason", Messages.Get("UndoReasonRequired"))
        : reason.Trim().Length > MaximumUndoReasonLength ? new FieldProblem("reason", Messages.Get("TextTooLong", MaximumUndoReasonLength))
        : null;

    /// <summary>
    /// During a correction of the published results (opened by an administrator with a reason), the
    /// council secretary amends one settled appraisal leaf of a final unit, with a reason: the settled
    /// score changes, the change is audited (who, old, new, why) and the unit's result is recomputed.
    /// The corrected figures are published only by a new version.
    /// </summary>
    public async Task<Outcome> AmendFinalAsync(Actor actor, int year, string unitCode, string leafCode, LeafInput input, string? reason,
        CancellationToken cancellationToken = default)
    {
        var (unit, failure) = await OpenAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return failure!;
        }

        if (!unit.CanAmendFinal)
        {
            return !actor.Is(Roles.Secretary) ? Outcome.Forbidden(Messages.Get("OnlySecretaryAmends"))
                : unit.Status != UnitStatus.Final ? Outcome.Conflict(Messages.Get("AmendOnlyFinal", unit.Unit.Name), null)
                : Outcome.Conflict(Messages.Get("AmendOnlyInCorrection", year), null);
        }

        if (FindLeaf(unit, leafCode) is not { } leaf || leaf.Component != Component.Appraisal)
        {
            return Outcome.NotFound(Messages.Get("LeafNotFound", leafCode));
        }

        var problems = new List<FieldProblem>();
        if (CheckInput(leaf, input, "input") is { } problem)
        {
            problems.Add(problem);
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            problems.Add(new FieldProblem("reason", Messages.Get("AmendReasonRequired", leaf.Code)));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var nodeId = unit.NodesByCode[leaf.Code].Id;
        var score = await db.LeafScores.SingleOrDefaultAsync(
            s => s.AssessmentYearId == unit.Year.Id && s.UnitId == unit.Unit.Id && s.NodeId == nodeId, cancellationToken);
        if (score is null)
        {
            score = new LeafScore { AssessmentYearId = unit.Year.Id, UnitId = unit.Unit.Id, NodeId = nodeId };
            db.LeafScores.Add(score);
        }

        var before = score.Kind == LeafInputKind.Missing && score.Id == 0 ? LeafInput.Missing : ResultsService.ToInput(score);
        audit.Record(actor, AuditSubjects.FinalScore, InputText.Format(before), InputText.Format(input),
            $"{Messages.Get("CorrectionOf", unit.Year.CorrectionReason)}: {reason!.Trim()}", unit.Year.Id, unit.Unit.Id, nodeId);
        (score.Kind, score.First, score.Second) = (input.Kind, input.First, input.Second);
        await db.SaveChangesAsync(cancellationToken);
        await results.RecomputeUnitAsync(unit.Year, unit.Unit.Id, unit.Framework, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>
    /// Who last decided each leaf in each appraisal round, and when (by leaf code): what the appraisal
    /// minutes name. People by their full names.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, LeafTrail>> TrailAsync(UnitAssessment unit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var rows = await (from a in db.AuditEntries.AsNoTracking()
                          join u in db.Users on a.UserId equals u.Id into people
                          from u in people.DefaultIfEmpty()
                          where a.AssessmentYearId == unit.Year.Id && a.UnitId == unit.Unit.Id && a.NodeId != null
                              && (a.Subject == AuditSubjects.FirstRound || a.Subject == AuditSubjects.SecondRound)
                          orderby a.Id
                          select new { a.NodeId, a.Subject, a.At, Name = u == null ? a.UserName : u.FullName }).ToListAsync(cancellationToken);
        var codes = unit.NodesByCode.Values.ToDictionary(n => n.Id, n => n.Code);
        return rows.Where(r => codes.ContainsKey(r.NodeId!.Value)).GroupBy(r => codes[r.NodeId!.Value]).ToDictionary(g => g.Key, g =>
        {
            var first = g.LastOrDefault(r => r.Subject == AuditSubjects.FirstRound);
            var second = g.LastOrDefault(r => r.Subject == AuditSubjects.SecondRound);
            return new LeafTrail(first?.Name, first?.At, second?.Name, second?.At);
        }, StringComparer.Ordinal);
    }

    /// <summary>The audit trail of one leaf of a unit, newest first.</summary>
    public async Task<IReadOnlyList<AuditEntry>> HistoryAsync(UnitAssessment unit, string leafCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var nodeId = unit.NodesByCode.TryGetValue(leafCode, out var node) ? node.Id : -1;
        return await db.AuditEntries.AsNoTracking()
            .Where(a => a.AssessmentYearId == unit.Year.Id && a.UnitId == unit.Unit.Id && a.NodeId == nodeId)
            .OrderByDescending(a => a.Id)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Checks an input against a leaf's rule; the problem names the leaf and says what is wrong.</summary>
    public static FieldProblem? CheckInput(FrameworkNode leaf, LeafInput input, string field)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var problem = leaf.Rule!.Check(leaf.MaxPoints, input);
        return problem switch
        {
            InputProblem.None => null,
            InputProblem.NotOnStep => new FieldProblem(field, Messages.Get("Input_NotOnStep", leaf.Code, ((Scoring.Rules.ManualRule)leaf.Rule).Step)),
            InputProblem.AboveMaximum => new FieldProblem(field, Messages.Get("Input_AboveMaximum", leaf.Code, leaf.MaxPoints)),
            _ => new FieldProblem(field, Messages.Get($"Input_{problem}", leaf.Code)),
        };
    }

    private async Task<(UnitAssessment? Unit, Outcome? Failure)> OpenAsync(Actor actor, int year, string unitCode, CancellationToken cancellationToken)
    {
        var unit = await LoadAsync(actor, year, unitCode, cancellationToken);
        if (unit is null)
        {
            return (null, Outcome.NotFound(Messages.Get("UnitNotInYear", unitCode, year)));
        }

        return unit.CanRead ? (unit, null) : (null, Outcome.Forbidden(Messages.Get("NotYourUnit", unit.Unit.Name)));
    }

    private static FrameworkNode? FindLeaf(UnitAssessment unit, string code) =>
        unit.Framework.Framework.TryFind(code, out var node) && node.IsLeaf && unit.SeesArea(UnitAssessment.AreaOf(node).Code) ? node : null;

    private async Task<LeafEntry> EntryAsync(UnitAssessment unit, FrameworkNode leaf, CancellationToken cancellationToken)
    {
        var nodeId = unit.NodesByCode[leaf.Code].Id;
        return await db.LeafEntries.Include(e => e.Evidence)
                   .SingleOrDefaultAsync(e => e.AssessmentYearId == unit.Year.Id && e.UnitId == unit.Unit.Id && e.NodeId == nodeId, cancellationToken)
               ?? NewEntry(unit, nodeId);
    }

    private LeafEntry NewEntry(UnitAssessment unit, int nodeId)
    {
        var entry = new LeafEntry { AssessmentYearId = unit.Year.Id, UnitId = unit.Unit.Id, NodeId = nodeId, UpdatedAt = unit.Now };
        db.LeafEntries.Add(entry);
        return entry;
    }

    private void Touch(LeafEntry entry, Actor actor)
    {
        entry.Version++;
        entry.UpdatedAt = clock.GetUtcNow();
        entry.UpdatedBy = actor.UserId;
    }

    private async Task<Outcome> SaveEntryAsync(LeafEntry entry, Actor actor, CancellationToken cancellationToken)
    {
        Touch(entry, actor);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Ok(entry);
        }
        catch (DbUpdateException e) when (e is DbUpdateConcurrencyException || e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            var current = await db.LeafEntries.AsNoTracking()
                .SingleAsync(x => x.AssessmentYearId == entry.AssessmentYearId && x.UnitId == entry.UnitId && x.NodeId == entry.NodeId, cancellationToken);
            return Conflict(current);
        }
    }

    private async Task<Outcome> SaveStatusAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return Outcome.Ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Outcome.Conflict(Messages.Get("StatusChanged"), null);
        }
    }

    private void SetStatus(UnitAssessment unit, UnitStatus status, string? reason)
    {
        audit.Record(unit.Actor, AuditSubjects.Status, unit.YearUnit.Status.ToString(), status.ToString(), reason, unit.Year.Id, unit.Unit.Id);
        unit.YearUnit.Status = status;
        unit.YearUnit.Version++;
    }

    private static Outcome Conflict(LeafEntry current)
    {
        var parts = new List<string> { Messages.Get("ConflictSelf", InputText.Format(current.SelfInput) ?? "—") };
        if (current.FirstDecision != AppraisalDecision.None)
        {
            parts.Add(Messages.Get("ConflictFirst", Describe(current.FirstDecision, current.FirstInput), current.Flagged ? "⚑" : ""));
        }

        if (current.Response.Length > 0)
        {
            parts.Add(Messages.Get("ConflictResponse", current.Response));
        }

        if (current.SecondDecision != AppraisalDecision.None)
        {
            parts.Add(Messages.Get("ConflictSecond", Describe(current.SecondDecision, current.SecondInput)));
        }

        return Outcome.Conflict(Messages.Get("LeafConflict", string.Join("; ", parts)), current);
    }

    private static Outcome Refuse(UnitAssessment unit, string key) =>
        Outcome.Forbidden(Messages.Get(key, Messages.Get($"Status_{unit.Status}"), Messages.Get($"Phase_{unit.Phase}")));

    private static string? Blank(string text) => text.Length == 0 ? null : text;

    private static string? Describe(AppraisalDecision decision, LeafInput input) => decision switch
    {
        AppraisalDecision.None => null,
        AppraisalDecision.Accepted => "accepted",
        AppraisalDecision.ExplanationAccepted => $"explanation accepted: {InputText.Format(input)}",
        _ => $"adjusted to {InputText.Format(input)}",
    };

    private static string Link(UnitAssessment unit) => $"/years/{unit.Year.Year}/units/{unit.Unit.Code}";

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

    private static string Display(DateTimeOffset? at) =>
        at is { } t ? VietnamTime.Format(t) : "—";
}
