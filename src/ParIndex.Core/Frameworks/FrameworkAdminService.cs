using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Results;
using ParIndex.Core.Years;
using ParIndex.Scoring;

namespace ParIndex.Core.Frameworks;

/// <summary>
/// Editing a year's framework versions: every change (an edit in the UI, an imported workbook) is a
/// new list of rows that is checked whole by the engine, then applied by code — nodes keep their ids,
/// so entries and scores stay attached. Once self-assessment has opened, a change needs a reason and
/// is recorded as an administrator's override. Every added, changed or removed node is audited.
/// </summary>
public sealed class FrameworkAdminService(ParIndexDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>A framework version of a year as rows, with whether it is locked.</summary>
    public sealed record Edit(AssessmentYear Year, FrameworkVersion Version, IReadOnlyList<FrameworkRowData> Rows, bool Locked, int UnitsUsing,
        IReadOnlyList<FrameworkVersion> Versions);

    public async Task<Edit?> GetAsync(int year, int? frameworkId, CancellationToken cancellationToken = default)
    {
        var assessment = await db.Years.AsNoTracking().SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return null;
        }

        var versions = await db.Frameworks.AsNoTracking().Where(f => f.AssessmentYearId == assessment.Id).OrderBy(f => f.Id).ToListAsync(cancellationToken);
        var version = frameworkId is { } id ? versions.SingleOrDefault(v => v.Id == id) : versions.FirstOrDefault();
        if (version is null)
        {
            return null;
        }

        var nodes = await db.FrameworkNodes.AsNoTracking().Where(n => n.FrameworkId == version.Id).ToListAsync(cancellationToken);
        var units = await db.YearUnits.CountAsync(u => u.AssessmentYearId == assessment.Id && u.FrameworkId == version.Id, cancellationToken);
        return new Edit(assessment, version, ToRows(nodes), assessment.PhaseAt(clock.GetUtcNow()) != AssessmentPhase.Preparation, units, versions);
    }

    /// <summary>The stored nodes as rows, parents before children, siblings in order.</summary>
    public static IReadOnlyList<FrameworkRowData> ToRows(IReadOnlyCollection<FrameworkNodeRow> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var byParent = nodes.ToLookup(n => n.ParentId);
        var codes = nodes.ToDictionary(n => n.Id, n => n.Code);
        var rows = new List<FrameworkRowData>();
        void Visit(int? parent)
        {
            foreach (var n in byParent[parent].OrderBy(n => n.SortOrder).ThenBy(n => n.Id))
            {
                rows.Add(new FrameworkRowData(n.Code, n.ParentId is { } p ? codes[p] : null, n.Name, n.MaxPoints, n.Component, n.RuleKind,
                    n.RuleKind is null ? null : RuleCodec.Canonical(n.RuleKind, n.RuleParameters), n.EvidenceRequired));
                Visit(n.Id);
            }
        }

        Visit(null);
        return rows;
    }

    /// <summary>A new, unsaved framework version with a copy of <paramref name="nodes"/> (for a new year, or a second version of a year).</summary>
    public static FrameworkVersion Copy(IReadOnlyCollection<FrameworkNodeRow> nodes, int yearId, string version, string name)
    {
        var copy = new FrameworkVersion { AssessmentYearId = yearId, Version = version, Name = name };
        var byCode = new Dictionary<string, FrameworkNodeRow>(StringComparer.Ordinal);
        var position = 0;
        foreach (var row in ToRows(nodes))
        {
            var node = new FrameworkNodeRow
            {
                Code = row.Code,
                Name = row.Name,
                Parent = row.Parent is null ? null : byCode[row.Parent],
                SortOrder = position++,
                MaxPoints = row.MaxPoints,
                Component = row.Component,
                RuleKind = row.RuleKind,
                RuleParameters = row.RuleParameters,
                EvidenceRequired = row.EvidenceRequired,
            };
            byCode.Add(row.Code, node);
            copy.Nodes.Add(node);
        }

        return copy;
    }

    /// <summary>Adds a second framework version to a year, copied from one of its versions (e.g. one for communes).</summary>
    public async Task<Outcome> CopyVersionAsync(Actor actor, int year, int fromId, string? version, string? name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var source = await db.Frameworks.AsNoTracking().Include(f => f.Nodes)
            .SingleOrDefaultAsync(f => f.Id == fromId && db.Years.Any(y => y.Id == f.AssessmentYearId && y.Year == year), cancellationToken);
        if (source is null)
        {
            return Outcome.NotFound(Messages.Get("FrameworkNotFound", year));
        }

        version = (version ?? "").Trim();
        if (version.Length == 0 || string.IsNullOrWhiteSpace(name))
        {
            return Outcome.Invalid(version.Length == 0 ? "version" : "name", Messages.Get("CodeAndNameRequired"));
        }

        if (await db.Frameworks.AnyAsync(f => f.AssessmentYearId == source.AssessmentYearId && f.Version == version, cancellationToken))
        {
            return Outcome.Invalid("version", Messages.Get("CodeTaken", version));
        }

        var copy = Copy(source.Nodes, source.AssessmentYearId, version, name.Trim());
        db.Frameworks.Add(copy);
        audit.Record(actor, AuditSubjects.Framework, null, $"version {version} '{copy.Name}' copied from {source.Version}", null, source.AssessmentYearId);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(copy);
    }

    /// <summary>
    /// Replaces a framework version's nodes with <paramref name="rows"/> (matched by code), all or
    /// nothing. Refused with every problem when the rows do not form a valid framework, when a removed
    /// node or a changed rule would orphan entered scores, or when the framework is locked and no reason is given.
    /// </summary>
    public async Task<Outcome> ApplyAsync(Actor actor, int year, int frameworkId, IReadOnlyList<FrameworkRowData> rows, string? reason,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(rows);
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        var version = assessment is null
            ? null
            : await db.Frameworks.Include(f => f.Nodes).SingleOrDefaultAsync(f => f.Id == frameworkId && f.AssessmentYearId == assessment.Id, cancellationToken);
        if (assessment is null || version is null)
        {
            return Outcome.NotFound(Messages.Get("FrameworkNotFound", year));
        }

        if (!actor.Is(Roles.Administrator))
        {
            return Outcome.Forbidden(Messages.Get("FrameworkAdminOnly"));
        }

        var locked = assessment.PhaseAt(clock.GetUtcNow()) != AssessmentPhase.Preparation;
        if (locked && string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Forbidden(Messages.Get("FrameworkLocked"));
        }

        var problems = Check(rows);
        var existing = version.Nodes.ToDictionary(n => n.Code, StringComparer.Ordinal);
        var wanted = rows.Select(r => r.Code).ToHashSet(StringComparer.Ordinal);
        var removed = version.Nodes.Where(n => !wanted.Contains(n.Code)).ToList();
        var removedIds = removed.Select(n => n.Id).ToList();
        if (removedIds.Count > 0)
        {
            var used = await db.LeafEntries.Where(e => removedIds.Contains(e.NodeId)).Select(e => e.NodeId)
                .Union(db.LeafScores.Where(s => removedIds.Contains(s.NodeId)).Select(s => s.NodeId))
                .Distinct().ToListAsync(cancellationToken);
            problems.AddRange(removed.Where(n => used.Contains(n.Id)).Select(n => new FieldProblem(n.Code, Messages.Get("NodeInUse", n.Code))));
        }

        if (problems.Count == 0)
        {
            problems.AddRange(await InputsThatNoLongerFitAsync(rows, existing, cancellationToken));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var before = ToRows(version.Nodes).ToDictionary(r => r.Code, StringComparer.Ordinal);
        var position = 0;
        foreach (var row in rows)
        {
            if (!existing.TryGetValue(row.Code, out var node))
            {
                node = new FrameworkNodeRow { FrameworkId = version.Id, Code = row.Code, Name = row.Name };
                db.FrameworkNodes.Add(node);
                existing.Add(row.Code, node);
            }

            node.Name = row.Name;
            node.SortOrder = position++;
            node.MaxPoints = row.MaxPoints;
            node.Component = row.RuleKind is null ? null : row.Component;
            node.RuleKind = row.RuleKind;
            node.RuleParameters = row.RuleKind is null ? null : NormalizeParameters(row);
            node.EvidenceRequired = row.RuleKind is not null && row.EvidenceRequired;
        }

        foreach (var node in removed)
        {
            node.ParentId = null;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var row in rows)
        {
            existing[row.Code].ParentId = row.Parent is null ? null : existing[row.Parent].Id;
        }

        db.FrameworkNodes.RemoveRange(removed);
        await db.SaveChangesAsync(cancellationToken);

        var after = ToRows([.. existing.Values.Where(n => wanted.Contains(n.Code))]).ToDictionary(r => r.Code, StringComparer.Ordinal);
        var why = locked ? Messages.Get("FrameworkOverride", reason!.Trim()) : reason;
        foreach (var code in before.Keys.Union(after.Keys))
        {
            audit.Record(actor, AuditSubjects.Framework, before.GetValueOrDefault(code)?.Describe(), after.GetValueOrDefault(code)?.Describe(), why,
                assessment.Id, null, after.ContainsKey(code) ? existing[code].Id : null);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok(after.Count);
    }

    /// <summary>Every problem with a list of rows as a framework: duplicate codes, unknown parents, bad rules, the engine's checks.</summary>
    public static List<FieldProblem> Check(IReadOnlyList<FrameworkRowData> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var problems = new List<FieldProblem>();
        foreach (var duplicate in rows.GroupBy(r => r.Code, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            problems.Add(new FieldProblem(duplicate.Key, Messages.Get("DuplicateCode", duplicate.Key)));
        }

        var definitions = new List<NodeDefinition>();
        foreach (var row in rows)
        {
            Scoring.Rules.ScoringRule? rule = null;
            if (row.RuleKind is not null)
            {
                try
                {
                    rule = RuleCodec.Decode(row.RuleKind, row.RuleParameters);
                }
                catch (FormatException e)
                {
                    problems.Add(new FieldProblem(row.Code, $"{row.Code}: {e.Message}"));
                    continue;
                }
            }

            definitions.Add(new NodeDefinition(row.Code, row.Parent, row.Name, row.MaxPoints, rule is null ? null : row.Component, rule));
        }

        if (problems.Count == 0)
        {
            try
            {
                Framework.Create("check", definitions);
            }
            catch (FrameworkDefinitionException e)
            {
                problems.AddRange(e.Problems.Select(p => new FieldProblem("", p)));
            }
        }

        return problems;
    }

    private async Task<List<FieldProblem>> InputsThatNoLongerFitAsync(IReadOnlyList<FrameworkRowData> rows,
        Dictionary<string, FrameworkNodeRow> existing, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        var changed = rows.Where(r => r.RuleKind is not null && existing.TryGetValue(r.Code, out var n)
                && (n.RuleKind != r.RuleKind || (n.RuleKind is null ? null : RuleCodec.Canonical(n.RuleKind, n.RuleParameters)) != NormalizeParameters(r)
                    || n.MaxPoints != r.MaxPoints))
            .ToDictionary(r => existing[r.Code].Id, r => r);
        if (changed.Count == 0)
        {
            return problems;
        }

        var ids = changed.Keys.ToList();
        var entries = await db.LeafEntries.AsNoTracking().Where(e => ids.Contains(e.NodeId)).ToListAsync(cancellationToken);
        var scores = await db.LeafScores.AsNoTracking().Where(s => ids.Contains(s.NodeId)).ToListAsync(cancellationToken);
        foreach (var (id, row) in changed)
        {
            var rule = RuleCodec.Decode(row.RuleKind!, row.RuleParameters);
            var max = row.MaxPoints ?? 0m;
            var inputs = entries.Where(e => e.NodeId == id).SelectMany(e => new[] { e.SelfInput, e.FirstInput, e.SecondInput })
                .Concat(scores.Where(s => s.NodeId == id).Select(ResultsService.ToInput));
            if (inputs.Any(i => rule.Check(max, i) != InputProblem.None))
            {
                problems.Add(new FieldProblem(row.Code, Messages.Get("InputsNoLongerFit", row.Code)));
            }
        }

        return problems;
    }

    private static string? NormalizeParameters(FrameworkRowData row) =>
        row.RuleKind is null ? null : RuleCodec.Canonical(row.RuleKind, row.RuleParameters);

    /// <summary>The rows with one node replaced (same code); its subtree follows it if the parent changed.</summary>
    public static IReadOnlyList<FrameworkRowData> Replace(IReadOnlyList<FrameworkRowData> rows, FrameworkRowData edited)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(edited);
        var list = rows.Select(r => r.Code == edited.Code ? edited : r).ToList();
        return edited.Parent == rows.FirstOrDefault(r => r.Code == edited.Code)?.Parent ? list : Reorder(list);
    }

    /// <summary>The rows with a new node added after its parent's last child.</summary>
    public static IReadOnlyList<FrameworkRowData> Add(IReadOnlyList<FrameworkRowData> rows, FrameworkRowData added) => Reorder([.. rows, added]);

    /// <summary>The rows without a node (and its descendants).</summary>
    public static IReadOnlyList<FrameworkRowData> Remove(IReadOnlyList<FrameworkRowData> rows, string code)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var gone = new HashSet<string>(StringComparer.Ordinal) { code };
        foreach (var row in rows)
        {
            if (row.Parent is not null && gone.Contains(row.Parent))
            {
                gone.Add(row.Code);
            }
        }

        return [.. rows.Where(r => !gone.Contains(r.Code))];
    }

    /// <summary>The rows with a node moved one place up (−1) or down (+1) among its siblings.</summary>
    public static IReadOnlyList<FrameworkRowData> Move(IReadOnlyList<FrameworkRowData> rows, string code, int delta)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var node = rows.FirstOrDefault(r => r.Code == code);
        if (node is null)
        {
            return rows;
        }

        var siblings = rows.Where(r => r.Parent == node.Parent).ToList();
        var at = siblings.IndexOf(node);
        var to = Math.Clamp(at + delta, 0, siblings.Count - 1);
        siblings.RemoveAt(at);
        siblings.Insert(to, node);
        var order = siblings.Select((s, i) => (s.Code, i)).ToDictionary(x => x.Code, x => x.i, StringComparer.Ordinal);
        return Reorder(rows, order);
    }

    /// <summary>Parents before children, siblings in their current order (or as <paramref name="order"/> says).</summary>
    private static List<FrameworkRowData> Reorder(IReadOnlyList<FrameworkRowData> rows, Dictionary<string, int>? order = null)
    {
        var position = rows.Select((r, i) => (r.Code, i)).GroupBy(x => x.Code).ToDictionary(g => g.Key, g => g.First().i, StringComparer.Ordinal);
        var byParent = rows.ToLookup(r => r.Parent ?? "");
        var result = new List<FrameworkRowData>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string parent)
        {
            foreach (var row in byParent[parent].OrderBy(r => order is not null && order.TryGetValue(r.Code, out var o) ? o : position[r.Code]))
            {
                if (seen.Add(row.Code))
                {
                    result.Add(row);
                    Visit(row.Code);
                }
            }
        }

        Visit("");
        result.AddRange(rows.Where(r => !seen.Contains(r.Code))); // orphans: the engine's check names them
        return result;
    }
}
