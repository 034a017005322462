using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Scoring;
using static ParIndex.Core.Reports.SpreadsheetWriter;

namespace ParIndex.Core.Reports;

/// <summary>
/// The Excel outputs: the ranking annex of a decision (one sheet per bloc, Vietnamese headers, the
/// published two-decimal numbers as numbers) and the full detail of a year (every unit × every leaf:
/// self-score, appraisal round 1 and 2, final points, survey points), streamed from the database.
/// </summary>
public sealed class ExcelExports(ParIndexDbContext db)
{
    /// <summary>Room for the annex's longest header ("Điểm điều tra xã hội học") wrapped on three lines in an 11-character column.</summary>
    private const double HeaderHeight = 48;

    /// <summary>Writes the ranking annex of <paramref name="ranking"/> to <paramref name="stream"/>.</summary>
    public static void WriteRankingAnnex(YearRanking ranking, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        using var book = new SpreadsheetWriter(stream);
        var decision = ranking.Publication is { DecisionNumber: { } number, DecisionDate: { } date }
            ? Messages.Get("AnnexOf", PublicationService.Decision(number, date))
            : ranking.Publication is null && !ranking.FromPublishedTable ? Messages.Get("AnnexDraft") : null;
        foreach (var bloc in ranking.Blocs)
        {
            var compared = ranking.ComparedWithYear is not null;
            double[] widths = compared ? [7, 40, 11, 11, 11, 11, 11, 11, 9, 12, 12] : [7, 40, 11, 11, 11, 11, 11, 11, 9];
            book.StartSheet(bloc.Name, widths);
            book.Row((Messages.Get("AnnexTitle", ranking.Year, bloc.Name), Style.Title));
            if (decision is not null)
            {
                book.Row((decision, Style.Subtitle));
            }

            book.Row((Messages.Get("AnnexAverages", ScoreFormat.ToVietnamese(bloc.AverageIndex ?? 0m)), Style.Subtitle));
            book.Skip();
            var header = new List<(object?, Style)>
            {
                (Messages.Get("ColRank"), Style.Header), (Messages.Get("ColUnit"), Style.Header), (Messages.Get("ColAppraisal"), Style.Header),
                (Messages.Get("ColSurvey"), Style.Header), (Messages.Get("ColBonusPenalty"), Style.Header), (Messages.Get("ColTotal"), Style.Header),
                (Messages.Get("ColMaximum"), Style.Header), (Messages.Get("ColIndex"), Style.Header), (Messages.Get("ColClass"), Style.Header),
            };
            if (compared)
            {
                header.Add((Messages.Get("ColRankChange", ranking.ComparedWithYear), Style.Header));
                header.Add((Messages.Get("ColIndexChange"), Style.Header));
            }

            book.Row(HeaderHeight, [.. header]);
            foreach (var row in bloc.Units)
            {
                var cells = new List<(object?, Style)>
                {
                    (row.Rank, Style.Whole), (row.UnitName, Style.Text), (row.Appraisal, Style.Decimal), (row.Survey, Style.Decimal),
                    (row.BonusPenalty, Style.Decimal), (row.Total, Style.Decimal), (row.ApplicableMaximum, Style.Decimal), (row.Index, Style.Decimal),
                    (row.Class, Style.Text),
                };
                if (compared)
                {
                    cells.Add((row.RankChange, Style.Whole));
                    cells.Add((row.IndexChange, Style.Decimal));
                }

                book.Row([.. cells]);
            }
        }
    }

    /// <summary>The dashboard's units as shown (status, deadline, late, progress, last activity), one sheet.</summary>
    public static void WriteDashboard(Years.YearDashboard dashboard, IReadOnlyList<Years.DashboardRow> units, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(dashboard);
        ArgumentNullException.ThrowIfNull(units);
        using var book = new SpreadsheetWriter(stream);
        book.StartSheet(Messages.Get("DashboardSheet"), [10, 40, 28, 18, 18, 10, 12, 12, 18]);
        book.Row((Messages.Get("DashboardTitle", dashboard.Year.Year, VietnamTime.Format(dashboard.Generated)), Style.Title));
        book.Skip();
        book.Row(HeaderHeight, (Messages.Get("ColCode"), Style.Header), (Messages.Get("ColUnit"), Style.Header), (Messages.Get("ColBloc"), Style.Header),
            (Messages.Get("ColStatus"), Style.Header), (Messages.Get("ColDeadline"), Style.Header), (Messages.Get("ColLate"), Style.Header),
            (Messages.Get("ColEntered"), Style.Header), (Messages.Get("ColEvidenceMissing"), Style.Header), (Messages.Get("ColLastActivity"), Style.Header));
        foreach (var u in units)
        {
            book.Row((u.UnitCode, Style.Text), (u.UnitName, Style.Text), (u.BlocName, Style.Text), (Messages.Get($"Status_{u.Status}"), Style.Text),
                (u.Deadline is { } d ? VietnamTime.Format(d) : null, Style.Text), (u.Late ? Messages.Get("Value_Yes") : null, Style.Text),
                ($"{u.Entered}/{u.ToEnter}", Style.Text), (u.EvidenceMissing, Style.Whole),
                (u.LastActivity is { } a ? VietnamTime.Format(a) : null, Style.Text));
        }
    }

    /// <summary>
    /// Writes every unit × every leaf of <paramref name="year"/> (live data: what the council settled).
    /// Returns the number of leaf rows written, or −1 when the year does not exist.
    /// </summary>
    /// <remarks>
    /// The units are read in order, then their scores and entries a few hundred units at a time, each
    /// group by the key's index and joined here to the framework's leaves: no sort of the year's rows
    /// in the database, memory bounded by a group. A group is read on another task while the one before
    /// is written, all in one read-only snapshot, so the file is one moment's data.
    /// </remarks>
    public async Task<int> WriteDetailAsync(int year, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var yearId = await db.Years.Where(y => y.Year == year).Select(y => (int?)y.Id).SingleOrDefaultAsync(cancellationToken);
        if (yearId is null)
        {
            return -1;
        }

        await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await db.Database.ExecuteSqlRawAsync("SET TRANSACTION READ ONLY", cancellationToken);
        var frameworkIds = await db.YearUnits.Where(u => u.AssessmentYearId == yearId && u.FrameworkId != null)
            .Select(u => u.FrameworkId!.Value).Distinct().ToListAsync(cancellationToken);
        var versions = await db.Frameworks.AsNoTracking().Include(f => f.Nodes).Where(f => frameworkIds.Contains(f.Id)).ToListAsync(cancellationToken);
        var leaves = new Dictionary<int, FrameworkNode[]>(); // a version's leaves in the order of its sheet
        var leafIndex = new Dictionary<int, int>(); // a leaf node's place among its version's
        foreach (var version in versions)
        {
            var stored = StoredFramework.From(version, version.Nodes);
            var ordered = version.Nodes.Where(n => n.RuleKind is not null).OrderBy(n => n.SortOrder).ThenBy(n => n.Id).ToList();
            leaves[version.Id] = [.. ordered.Select(n => stored.Framework.Leaves[stored.LeafIndexOf(n.Id)])];
            for (var i = 0; i < ordered.Count; i++)
            {
                leafIndex[ordered[i].Id] = i;
            }
        }

        var units = await db.Database.SqlQuery<DetailUnit>($"""
            SELECT yu.unit_id AS "UnitId", yu.framework_id AS "FrameworkId", b.name AS "BlocName", u.code AS "UnitCode", u.name AS "UnitName"
            FROM year_units yu JOIN units u ON u.id = yu.unit_id JOIN blocs b ON b.id = yu.bloc_id
            WHERE yu.assessment_year_id = {yearId} AND yu.framework_id IS NOT NULL
            ORDER BY b.sort_order, b.code, u.code
            """).ToListAsync(cancellationToken);

        using var book = new SpreadsheetWriter(stream);
        book.StartSheet(Messages.Get("DetailSheet"), [24, 10, 34, 9, 46, 12, 9, 10, 10, 10, 10, 10, 16]);
        book.Row((Messages.Get("DetailTitle", year), Style.Title));
        book.Skip();
        book.Row(HeaderHeight, (Messages.Get("ColBloc"), Style.Header), (Messages.Get("ColUnitCode"), Style.Header), (Messages.Get("ColUnit"), Style.Header),
            (Messages.Get("ColLeafCode"), Style.Header), (Messages.Get("ColLeaf"), Style.Header), (Messages.Get("ColComponent"), Style.Header),
            (Messages.Get("ColLeafMaximum"), Style.Header), (Messages.Get("ColSelf"), Style.Header), (Messages.Get("ColRound1"), Style.Header),
            (Messages.Get("ColRound2"), Style.Header), (Messages.Get("ColFinal"), Style.Header), (Messages.Get("ColSurveyPoints"), Style.Header),
            (Messages.Get("ColNote"), Style.Header));
        var (surveyName, appraisalName) = (Messages.Get("ComponentSurvey"), Messages.Get("ComponentAppraisal"));
        var (notApplicableNote, notScoredNote) = (Messages.Get("NotApplicableNote"), Messages.Get("NotScoredNote"));
        var width = leaves.Count == 0 ? 0 : leaves.Values.Max(l => l.Length);
        var count = 0;

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var groups = System.Threading.Channels.Channel.CreateBounded<DetailGroup>(1);
        var reading = Task.Run(() => ReadGroupsAsync(yearId.Value, units, width, leafIndex, groups.Writer, stop.Token), stop.Token);
        try
        {
            await foreach (var group in groups.Reader.ReadAllAsync(stop.Token))
            {
                for (var u = 0; u < group.Units.Count; u++)
                {
                    var unit = group.Units[u];
                    var unitLeaves = leaves[unit.FrameworkId];
                    for (var l = 0; l < unitLeaves.Length; l++)
                    {
                        var leaf = unitLeaves[l];
                        var survey = leaf.Component == Component.Survey;
                        var final = group.Final[(u * width) + l];
                        var notApplicable = final.Kind == LeafInputKind.NotApplicable;
                        decimal? self = null, first = null, second = null;
                        if (group.Entries[(u * width) + l] is { } entry && !survey)
                        {
                            self = Points(leaf, entry.SelfInput);
                            first = entry.FirstDecision == AppraisalDecision.None ? null : Points(leaf, entry.FirstInput);
                            second = entry.SecondDecision == AppraisalDecision.None ? null : Points(leaf, entry.SecondInput);
                        }

                        var points = Points(leaf, final);
                        book.Row((unit.BlocName, Style.Text), (unit.UnitCode, Style.Text), (unit.UnitName, Style.Text), (leaf.Code, Style.Text),
                            (leaf.Name, Style.Text), (survey ? surveyName : appraisalName, Style.Text), (leaf.MaxPoints, Style.Decimal),
                            (self, Style.Decimal), (first, Style.Decimal), (second, Style.Decimal), (survey ? null : points, Style.Decimal),
                            (survey ? points : null, Style.Decimal),
                            (notApplicable ? notApplicableNote : final.Kind == LeafInputKind.Missing ? notScoredNote : null, Style.Text));
                        count++;
                    }
                }
            }
        }
        finally
        {
            await stop.CancelAsync(); // when the writing failed: the reading stops too
            try
            {
                await reading;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
        }

        return count;
    }

    /// <summary>
    /// Reads the scores and entries of <paramref name="units"/>, <see cref="GroupSize"/> units at a time
    /// (one round trip of two statements each), into groups of slots [unit × <paramref name="width"/> + leaf].
    /// </summary>
    private async Task ReadGroupsAsync(int yearId, List<DetailUnit> units, int width, Dictionary<int, int> leafIndex,
        System.Threading.Channels.ChannelWriter<DetailGroup> groups, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        try
        {
            var connection = (Npgsql.NpgsqlConnection)db.Database.GetDbConnection();
            var transaction = (Npgsql.NpgsqlTransaction)db.Database.CurrentTransaction!.GetDbTransaction();
            for (var start = 0; start < units.Count; start += GroupSize)
            {
                var slice = units.GetRange(start, Math.Min(GroupSize, units.Count - start));
                var place = new Dictionary<int, int>(slice.Count);
                for (var i = 0; i < slice.Count; i++)
                {
                    place[slice[i].UnitId] = i;
                }

                var group = new DetailGroup(slice, new LeafInput[slice.Count * width], new LeafEntry?[slice.Count * width]);
                await using var batch = new Npgsql.NpgsqlBatch(connection, transaction)
                {
                    BatchCommands =
                    {
                        new("SELECT unit_id, node_id, kind, first, second FROM leaf_scores WHERE assessment_year_id = $1 AND unit_id = ANY($2)"),
                        new("""
                            SELECT unit_id, node_id, self_kind, self_first, self_second, first_decision, first_kind, first_first, first_second,
                                   second_decision, second_kind, second_first, second_second
                            FROM leaf_entries WHERE assessment_year_id = $1 AND unit_id = ANY($2)
                            """),
                    },
                };
                var ids = slice.Select(u => u.UnitId).ToArray();
                foreach (var command in batch.BatchCommands)
                {
                    command.Parameters.Add(new Npgsql.NpgsqlParameter<int> { TypedValue = yearId });
                    command.Parameters.Add(new Npgsql.NpgsqlParameter<int[]> { TypedValue = ids });
                }

                await using (var reader = await batch.ExecuteReaderAsync(cancellationToken))
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        if (leafIndex.TryGetValue(reader.GetInt32(1), out var leaf))
                        {
                            group.Final[(place[reader.GetInt32(0)] * width) + leaf] =
                                LeafInput.FromParts((LeafInputKind)reader.GetInt16(2), reader.GetDecimal(3), reader.GetDecimal(4));
                        }
                    }

                    await reader.NextResultAsync(cancellationToken);
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        if (leafIndex.TryGetValue(reader.GetInt32(1), out var leaf))
                        {
                            group.Entries[(place[reader.GetInt32(0)] * width) + leaf] = new LeafEntry
                            {
                                SelfKind = (LeafInputKind)reader.GetInt16(2), SelfFirst = reader.GetDecimal(3), SelfSecond = reader.GetDecimal(4),
                                FirstDecision = (AppraisalDecision)reader.GetInt16(5), FirstKind = (LeafInputKind)reader.GetInt16(6),
                                FirstFirst = reader.GetDecimal(7), FirstSecond = reader.GetDecimal(8),
                                SecondDecision = (AppraisalDecision)reader.GetInt16(9), SecondKind = (LeafInputKind)reader.GetInt16(10),
                                SecondFirst = reader.GetDecimal(11), SecondSecond = reader.GetDecimal(12),
                            };
                        }
                    }
                }

                await groups.WriteAsync(group, cancellationToken);
            }
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            groups.Complete(failure);
        }
    }

    /// <summary>Units whose scores are read in one round trip: a group of the detail is 40,000 leaf rows at most at 100 leaves.</summary>
    private const int GroupSize = 400;

    /// <summary>
    /// The points an input earns under the leaf's rule; null when it earns none to show: missing, not
    /// applicable (not a zero: the leaf leaves the maximum) or not valid for the rule.
    /// </summary>
    private static decimal? Points(FrameworkNode leaf, LeafInput input) =>
        input.Kind is LeafInputKind.Missing or LeafInputKind.NotApplicable || leaf.Rule!.Check(leaf.MaxPoints, input) != InputProblem.None
            ? null : leaf.Rule.Evaluate(leaf.MaxPoints, input);

    /// <summary>A unit of the detail, in the order of its rows.</summary>
    private sealed record DetailUnit(int UnitId, int FrameworkId, string BlocName, string UnitCode, string UnitName);

    /// <summary>Some units' settled inputs and entries, by slot [unit × width + leaf]; a slot without a row is Missing / null.</summary>
    private sealed record DetailGroup(List<DetailUnit> Units, LeafInput[] Final, LeafEntry?[] Entries);
}
