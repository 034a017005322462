using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ParIndex.Benchmarks;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Reports;
using ParIndex.Core.Units;
using ParIndex.Core.Years;
using ParIndex.Scoring;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>
/// The full-detail workbook on generated data, read back by LibreOffice: more units than one read
/// group holds, blocs in their sort order (not their codes'), each unit's leaves in the framework's
/// order, and every cell what the engine gives for the generated input in that unit's and leaf's place.
/// </summary>
public sealed class DetailExportTests : MigratedStore
{
    private const int Year = 2025;
    private const int Units = 450; // more than a read group (400)

    private static readonly NationalData Data = new(seed: 31);

    private List<Unit> _units = [];

    [Fact]
    public async Task EveryUnitTimesEveryLeaf_InOrder_EachCellFromItsOwnInput()
    {
        using var file = new MemoryStream();
        using (var scope = Services.CreateScope())
        {
            Assert.Equal(Units * Data.Framework.Leaves.Count, await scope.ServiceProvider.GetRequiredService<ExcelExports>().WriteDetailAsync(Year, file));
            Assert.Equal(-1, await scope.ServiceProvider.GetRequiredService<ExcelExports>().WriteDetailAsync(Year + 1, new MemoryStream()));
        }

        var rows = (await DocumentReaders.SheetsAsync(file.ToArray())).Single().Value;
        var header = rows.FindIndex(r => r[0] == "Khối");
        var data = rows.Skip(header + 1).ToList();
        Assert.Equal(Units * Data.Framework.Leaves.Count, data.Count);

        // Blocs by sort order (B2 first), units by code within a bloc, leaves in the framework's order.
        var order = _units.Select((u, i) => (Unit: u, Index: i)).OrderBy(x => x.Unit.Bloc!.SortOrder).ThenBy(x => x.Unit.Code, StringComparer.Ordinal).ToList();
        var line = 0;
        foreach (var (unit, index) in order)
        {
            foreach (var leaf in Data.Framework.Leaves)
            {
                var row = data[line++];
                Assert.Equal([unit.Bloc!.Name, unit.Code, unit.Name, leaf.Code, leaf.Name], row.Take(5));
                var survey = leaf.Component == Component.Survey;
                Assert.Equal(survey ? "Điều tra XHH" : "Thẩm định", row[5]);
                Assert.Equal(leaf.MaxPoints, decimal.Parse(row[6], CultureInfo.InvariantCulture));
                var input = Data.Inputs[index][leaf.LeafIndex];
                decimal? expected = input.Kind is LeafInputKind.NotApplicable or LeafInputKind.Missing ? null : leaf.Rule!.Evaluate(leaf.MaxPoints, input);
                Same(survey ? null : expected, row[10]);
                Same(survey ? expected : null, row[11]);
                Assert.Equal(input.Kind switch { LeafInputKind.NotApplicable => "Không đánh giá", LeafInputKind.Missing => "Chưa chấm", _ => "" }, row[12]);

                // Even units have entries: self-assessed as settled, accepted in round 1, not in round 2.
                var entered = index % 2 == 0 && !survey;
                Same(entered ? expected : null, row[7]);
                Same(entered ? expected : null, row[8]);
                Same(null, row[9]);
            }
        }
    }

    /// <summary>An empty cell for null, else the number (LibreOffice reads it as a double: 15 significant digits).</summary>
    private static void Same(decimal? expected, string cell)
    {
        if (expected is not { } points)
        {
            Assert.Equal("", cell);
            return;
        }

        Assert.True(Math.Abs(double.Parse(cell, CultureInfo.InvariantCulture) - (double)points) < 1e-12, $"expected {points}, cell {cell}");
    }

    protected override async Task SeedAsync()
    {
        await using var db = Database.CreateContext();
        var blocs = new (string Code, int Sort)[] { ("B0", 1), ("B1", 2), ("B2", 0) }.Select(b => new Bloc { Code = b.Code, Name = $"Khối {b.Code} & <thử>", SortOrder = b.Sort }).ToList();
        db.Blocs.AddRange(blocs);
        _units = [.. Enumerable.Range(0, Units).Select(u => new Unit { Code = Data.Keys[u], Name = $"Đơn vị \"{u}\"", Bloc = blocs[u % 3] })];
        db.Units.AddRange(_units);
        var year = new AssessmentYear { Year = Year, Title = $"Năm {Year}", CreatedAt = DateTimeOffset.UnixEpoch };
        db.Years.Add(year);
        await db.SaveChangesAsync();
        var version = StoredFramework.ToRows(year.Id, "Bộ chỉ số sinh", Data.Framework);
        db.Frameworks.Add(version);
        await db.SaveChangesAsync();
        var leafNodeIds = version.Nodes.Where(n => n.RuleKind is not null).OrderBy(n => n.SortOrder).Select(n => n.Id).ToArray();
        db.YearUnits.AddRange(_units.Select(u => new YearUnit
        {
            AssessmentYearId = year.Id, UnitId = u.Id, BlocId = u.Bloc!.Id, FrameworkId = version.Id, Status = Assessments.UnitStatus.Final,
        }));
        await db.SaveChangesAsync();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await Data.CopyLeafScoresAsync(connection, year.Id, [.. _units.Select(u => u.Id)], leafNodeIds);
        await using var entries = new NpgsqlCommand("""
            INSERT INTO leaf_entries (assessment_year_id, unit_id, node_id, self_kind, self_first, self_second, first_decision, updated_at)
            SELECT s.assessment_year_id, s.unit_id, s.node_id, s.kind, s.first, s.second, 1, now()
            FROM leaf_scores s WHERE s.assessment_year_id = $1 AND s.unit_id = ANY($2)
            """, connection);
        entries.Parameters.Add(new NpgsqlParameter<int> { TypedValue = year.Id });
        entries.Parameters.Add(new NpgsqlParameter<int[]> { TypedValue = [.. _units.Where((_, i) => i % 2 == 0).Select(u => u.Id)] });
        await entries.ExecuteNonQueryAsync();
    }
}
