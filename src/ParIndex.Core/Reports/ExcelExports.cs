using Microsoft.EntityFrameworkCore;
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
    /// Writes every unit × every leaf of <paramref name="year"/> (live data: what the council settled),
    /// streaming rows from one query. Returns the number of leaf rows written, or −1 when the year does not exist.
    /// </summary>
    public async Task<int> WriteDetailAsync(int year, Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var yearId = await db.Years.Where(y => y.Year == year).Select(y => (int?)y.Id).SingleOrDefaultAsync(cancellationToken);
        if (yearId is null)
        {
            return -1;
        }

        var frameworkIds = await db.YearUnits.Where(u => u.AssessmentYearId == yearId && u.FrameworkId != null)
            .Select(u => u.FrameworkId!.Value).Distinct().ToListAsync(cancellationToken);
        var versions = await db.Frameworks.AsNoTracking().Include(f => f.Nodes).Where(f => frameworkIds.Contains(f.Id)).ToListAsync(cancellationToken);
        var leaves = new Dictionary<int, FrameworkNode>();
        foreach (var version in versions)
        {
            var stored = StoredFramework.From(version, version.Nodes);
            foreach (var node in version.Nodes.Where(n => n.RuleKind is not null))
            {
                leaves[node.Id] = stored.Framework.Leaves[stored.LeafIndexOf(node.Id)];
            }
        }

        using var book = new SpreadsheetWriter(stream);
        book.StartSheet(Messages.Get("DetailSheet"), [24, 10, 34, 9, 46, 12, 9, 10, 10, 10, 10, 10, 16]);
        book.Row((Messages.Get("DetailTitle", year), Style.Title));
        book.Skip();
        book.Row((Messages.Get("ColBloc"), Style.Header), (Messages.Get("ColUnitCode"), Style.Header), (Messages.Get("ColUnit"), Style.Header),
            (Messages.Get("ColLeafCode"), Style.Header), (Messages.Get("ColLeaf"), Style.Header), (Messages.Get("ColComponent"), Style.Header),
            (Messages.Get("ColLeafMaximum"), Style.Header), (Messages.Get("ColSelf"), Style.Header), (Messages.Get("ColRound1"), Style.Header),
            (Messages.Get("ColRound2"), Style.Header), (Messages.Get("ColFinal"), Style.Header), (Messages.Get("ColSurveyPoints"), Style.Header),
            (Messages.Get("ColNote"), Style.Header));
        var rows = db.Database.SqlQuery<DetailRow>($"""
            SELECT b.name AS "BlocName", u.code AS "UnitCode", u.name AS "UnitName", n.id AS "NodeId",
                   s.kind AS "FinalKind", s.first AS "FinalFirst", s.second AS "FinalSecond",
                   e.self_kind AS "SelfKind", e.self_first AS "SelfFirst", e.self_second AS "SelfSecond",
                   e.first_decision AS "FirstDecision", e.first_kind AS "FirstKind", e.first_first AS "FirstFirst", e.first_second AS "FirstSecond",
                   e.second_decision AS "SecondDecision", e.second_kind AS "SecondKind", e.second_first AS "SecondFirst", e.second_second AS "SecondSecond"
            FROM year_units yu
            JOIN units u ON u.id = yu.unit_id
            JOIN blocs b ON b.id = yu.bloc_id
            JOIN framework_nodes n ON n.framework_id = yu.framework_id AND n.rule_kind IS NOT NULL
            LEFT JOIN leaf_scores s ON s.assessment_year_id = yu.assessment_year_id AND s.unit_id = yu.unit_id AND s.node_id = n.id
            LEFT JOIN leaf_entries e ON e.assessment_year_id = yu.assessment_year_id AND e.unit_id = yu.unit_id AND e.node_id = n.id
            WHERE yu.assessment_year_id = {yearId}
            ORDER BY b.sort_order, b.code, u.code, n.sort_order, n.id
            """).AsAsyncEnumerable();
        var count = 0;
        var (surveyName, appraisalName) = (Messages.Get("ComponentSurvey"), Messages.Get("ComponentAppraisal"));
        var (notApplicableNote, notScoredNote) = (Messages.Get("NotApplicableNote"), Messages.Get("NotScoredNote"));
        await foreach (var row in rows.WithCancellation(cancellationToken))
        {
            var leaf = leaves[row.NodeId];
            var survey = leaf.Component == Component.Survey;
            var final = row.FinalKind is { } fk ? LeafInput.FromParts((LeafInputKind)fk, row.FinalFirst ?? 0m, row.FinalSecond ?? 0m) : LeafInput.Missing;
            var notApplicable = final.Kind == LeafInputKind.NotApplicable;
            decimal? self = null, first = null, second = null;
            if (row.SelfKind is { } sk && !survey)
            {
                var entry = new LeafEntry
                {
                    SelfKind = (LeafInputKind)sk, SelfFirst = row.SelfFirst ?? 0m, SelfSecond = row.SelfSecond ?? 0m,
                    FirstDecision = (AppraisalDecision)(row.FirstDecision ?? 0), FirstKind = (LeafInputKind)(row.FirstKind ?? 0),
                    FirstFirst = row.FirstFirst ?? 0m, FirstSecond = row.FirstSecond ?? 0m,
                    SecondDecision = (AppraisalDecision)(row.SecondDecision ?? 0), SecondKind = (LeafInputKind)(row.SecondKind ?? 0),
                    SecondFirst = row.SecondFirst ?? 0m, SecondSecond = row.SecondSecond ?? 0m,
                };
                self = Points(leaf, entry.SelfInput);
                first = entry.FirstDecision == AppraisalDecision.None ? null : Points(leaf, entry.FirstInput);
                second = entry.SecondDecision == AppraisalDecision.None ? null : Points(leaf, entry.SecondInput);
            }

            var points = notApplicable ? null : Points(leaf, final);
            book.Row((row.BlocName, Style.Text), (row.UnitCode, Style.Text), (row.UnitName, Style.Text), (leaf.Code, Style.Text), (leaf.Name, Style.Text),
                (survey ? surveyName : appraisalName, Style.Text), (leaf.MaxPoints, Style.Decimal),
                (self, Style.Decimal), (first, Style.Decimal), (second, Style.Decimal), (survey ? null : points, Style.Decimal),
                (survey ? points : null, Style.Decimal),
                (notApplicable ? notApplicableNote : final.Kind == LeafInputKind.Missing ? notScoredNote : null, Style.Text));
            count++;
        }

        return count;
    }

    /// <summary>The points an input earns under the leaf's rule; null when it cannot be scored (missing, or not valid for the rule).</summary>
    private static decimal? Points(FrameworkNode leaf, LeafInput input) =>
        input.Kind is LeafInputKind.Missing || leaf.Rule!.Check(leaf.MaxPoints, input) != InputProblem.None ? null : leaf.Rule.Evaluate(leaf.MaxPoints, input);

    /// <summary>One leaf of one unit as the detail query returns it.</summary>
    private sealed record DetailRow(
        string BlocName, string UnitCode, string UnitName, int NodeId,
        short? FinalKind, decimal? FinalFirst, decimal? FinalSecond,
        short? SelfKind, decimal? SelfFirst, decimal? SelfSecond,
        short? FirstDecision, short? FirstKind, decimal? FirstFirst, decimal? FirstSecond,
        short? SecondDecision, short? SecondKind, decimal? SecondFirst, decimal? SecondSecond);
}
