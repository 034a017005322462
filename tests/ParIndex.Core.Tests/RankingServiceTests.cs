using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Results;
using ParIndex.Core.Units;
using ParIndex.Core.Years;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

public sealed class RankingServiceTests
{
    [Fact]
    public async Task Get_UnitThatReplacedOneRankedUnit_ComparedThroughLineage_AndTieSharesRank()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        await db.Database.MigrateAsync();
        var bloc = new Bloc { Code = "XA", Name = "Xã, phường" };
        var old = new Unit { Code = "OLD", Name = "Xã Cũ", Bloc = bloc, IsActive = false };
        var other = new Unit { Code = "B", Name = "Xã Bình", Bloc = bloc };
        var merged = new Unit { Code = "NEW", Name = "Xã Mới", Bloc = bloc };
        var third = new Unit { Code = "C", Name = "Xã Cát", Bloc = bloc };
        db.AddRange(bloc, old, other, merged, third);
        await db.SaveChangesAsync();
        db.UnitLineages.Add(new UnitLineage { SuccessorId = merged.Id, PredecessorId = old.Id, EffectiveYear = 2026 });
        await AddYearAsync(db, 2025, (old, 80m), (other, 90m));
        await AddYearAsync(db, 2026, (merged, 95m), (other, 85m), (third, 85.001m));

        var ranking = await new RankingService(db).GetAsync(2026);

        var rows = Assert.Single(ranking!.Blocs).Units;
        Assert.Equal([("NEW", 1, (int?)1), ("B", 2, -1), ("C", 2, null)], rows.Select(r => (r.UnitCode, r.Rank, r.RankChange)));
        Assert.Equal(15m, rows[0].IndexChange);
        Assert.Null(await new RankingService(db).GetAsync(1999));
        Assert.Equal([2026, 2025], await new RankingService(db).YearsWithResultsAsync());
    }

    private static async Task AddYearAsync(Data.ParIndexDbContext db, int year, params (Unit Unit, decimal Total)[] results)
    {
        var assessment = new AssessmentYear { Year = year, Title = $"{year}", CreatedAt = DateTimeOffset.UnixEpoch };
        db.Years.Add(assessment);
        await db.SaveChangesAsync();
        foreach (var (unit, total) in results)
        {
            db.YearUnits.Add(new YearUnit { AssessmentYearId = assessment.Id, UnitId = unit.Id, BlocId = unit.BlocId });
            db.UnitResults.Add(new UnitResultRow
            {
                AssessmentYearId = assessment.Id,
                UnitId = unit.Id,
                Appraisal = total - 30m,
                Survey = 30m,
                ApplicableMaximum = 100m,
                Source = ResultSource.Imported,
                UpdatedAt = DateTimeOffset.UnixEpoch,
            });
        }

        await db.SaveChangesAsync();
    }
}
