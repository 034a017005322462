using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Core.Demo;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>
/// The audit trail proves itself: the seeded demo's chain and its published version's seal are intact,
/// and an UPDATE, a DELETE or an INSERT made by hand in SQL is found and named; concurrent saves never
/// share a place; a trail stored before the chain existed is chained by the migration exactly as the app chains.
/// </summary>
public sealed class AuditChainTests(DemoDatabase demo) : IClassFixture<DemoDatabase>
{
    private ParIndexDbContext Db() => demo.Database.CreateContext();

    private async Task<AuditTrailReport> VerifyAsync()
    {
        await using var db = Db();
        return await AuditChain.VerifyTrailAsync(db);
    }

    private async Task SqlAsync(string sql)
    {
        await using var db = Db();
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    [Fact]
    public async Task Demo_ChainAndPublicationSeal_AreIntact()
    {
        var report = await VerifyAsync();

        Assert.True(report.Intact, report.Chain.Problem + string.Join("; ", report.SealProblems));
        Assert.True(report.Chain.Entries > 100, $"{report.Chain.Entries} entries");
        Assert.Equal(report.Chain.Entries, report.Chain.HeadSequence);
        Assert.Equal(1, report.PublicationsChecked); // 2024, published by the seeder through the service
        await using var db = Db();
        var published = await db.Publications.SingleAsync(p => p.ContentHash != null);
        Assert.Equal(published.AuditHead, await AuditChain.HeadAtAsync(db, published.AuditSequence!.Value));
    }

    [Fact]
    public async Task UpdateDeleteInsert_ByHand_AreEachFoundAndNamed()
    {
        await using var db = Db();
        var victim = await db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).Skip(40).FirstAsync();
        var head = await AuditChain.HeadAsync(db);

        // UPDATE: a score's new value rewritten.
        await SqlAsync($"UPDATE audit_entries SET new_value = coalesce(new_value, '') || ' (sửa)' WHERE id = {victim.Id}");
        var updated = await VerifyAsync();
        await SqlAsync($"UPDATE audit_entries SET new_value = {(victim.NewValue is null ? "NULL" : $"'{victim.NewValue.Replace("'", "''", StringComparison.Ordinal)}'")} WHERE id = {victim.Id}");
        Assert.True((await VerifyAsync()).Intact);

        // DELETE: the entry removed.
        await SqlAsync($"DELETE FROM audit_entries WHERE id = {victim.Id}");
        var deleted = await VerifyAsync();
        await using (var restore = Db())
        {
            await restore.Database.ExecuteSqlAsync($"""
                INSERT INTO audit_entries (id, sequence, hash, at, user_id, user_name, assessment_year_id, unit_id, node_id, subject, old_value, new_value, reason)
                VALUES ({victim.Id}, {victim.Sequence}, {victim.Hash}, {victim.At}, {victim.UserId}, {victim.UserName}, {victim.AssessmentYearId},
                        {victim.UnitId}, {victim.NodeId}, {victim.Subject}, {victim.OldValue}, {victim.NewValue}, {victim.Reason})
                """);
        }

        Assert.True((await VerifyAsync()).Intact);

        // INSERT: a forged entry after the head, with a hash made up (the forger does not have the chain's help).
        await SqlAsync($"""
            INSERT INTO audit_entries (sequence, hash, at, user_name, subject, old_value, new_value)
            VALUES ({head.Sequence + 1}, sha256('giả mạo'::bytea), now(), 'quantri', 'score', '0', '10')
            """);
        var inserted = await VerifyAsync();
        await SqlAsync($"DELETE FROM audit_entries WHERE sequence = {head.Sequence + 1}");

        Assert.Equal((false, victim.Sequence, (long?)victim.Id), (updated.Intact, updated.Chain.ProblemSequence!.Value, updated.Chain.ProblemId));
        Assert.Equal(Messages.Get("AuditChainChanged", victim.Id, victim.Sequence), updated.Chain.Problem);
        Assert.Equal(victim.Sequence - 1, updated.Chain.HeadSequence); // what is still good
        Assert.Equal(Messages.Get("AuditChainRemoved", victim.Sequence, victim.Sequence), deleted.Chain.Problem);
        Assert.Equal(head.Sequence + 1, inserted.Chain.ProblemSequence);
        Assert.False(inserted.Intact);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task PublishedSnapshot_ChangedBehindTheTriggersBack_BreaksItsSeal()
    {
        await SqlAsync("""
            ALTER TABLE publication_units DISABLE TRIGGER publication_units_immutable;
            UPDATE publication_units SET appraisal = appraisal + 1 WHERE unit_id = (SELECT min(unit_id) FROM publication_units);
            """);
        var report = await VerifyAsync();
        await SqlAsync("""
            UPDATE publication_units SET appraisal = appraisal - 1 WHERE unit_id = (SELECT min(unit_id) FROM publication_units);
            ALTER TABLE publication_units ENABLE TRIGGER publication_units_immutable;
            """);

        Assert.True(report.Chain.Intact);
        Assert.Equal([Messages.Get("AuditSealContentChanged", DemoSeeder.CurrentYear - 1, 1)], report.SealProblems);
        Assert.True((await VerifyAsync()).Intact);
    }

    [Fact]
    public async Task ConcurrentSaves_EachTakeTheirOwnPlace()
    {
        var before = (await VerifyAsync()).Chain.Entries;
        await Task.WhenAll(Enumerable.Range(0, 24).Select(async i =>
        {
            await using var scope = demo.Services.CreateAsyncScope();
            var log = scope.ServiceProvider.GetRequiredService<AuditLog>();
            log.Record(null, AuditSubjects.Unit, null, $"song song {i}");
            log.Record(null, AuditSubjects.Unit, null, $"song song {i} (2)");
            await scope.ServiceProvider.GetRequiredService<ParIndexDbContext>().SaveChangesAsync();
        }));

        var report = await VerifyAsync();
        Assert.True(report.Intact, report.Chain.Problem);
        Assert.Equal(before + 48, report.Chain.Entries);
    }

    [Fact]
    public async Task TrailStoredBeforeTheChain_IsChainedByTheMigration_AsTheAppChains()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            await db.GetService<IMigrator>().MigrateAsync("20261201000007_Bounded");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO audit_entries (at, user_name, subject, old_value, new_value, reason)
                VALUES ('2025-03-01 08:00:00.123456+07', 'quantri', 'score', NULL, '7,5', 'Tự chấm'),
                       ('2025-03-02 09:30:00+07', 'system', 'status', 'Draft', 'Submitted', NULL),
                       ('2025-03-03 10:00:00.5+07', 'thamdinh', 'score', '7,5', '6,25', 'Thiếu tài liệu ''kiểm chứng''');
                """);
            await db.Database.MigrateAsync();
        }

        await using (var db = database.CreateContext())
        {
            var report = await AuditChain.VerifyAsync(db);
            Assert.True(report.Intact, report.Problem);
            Assert.Equal((3L, 3L), (report.Entries, report.HeadSequence));
            db.Add(new AuditEntry { At = TimeProvider.System.GetUtcNow(), UserName = "quantri", Subject = "score", NewValue = "8" });
            await db.SaveChangesAsync();
            Assert.Equal((4L, true), ((await AuditChain.VerifyAsync(db)).Entries, (await AuditChain.VerifyAsync(db)).Intact));
        }
    }
}
