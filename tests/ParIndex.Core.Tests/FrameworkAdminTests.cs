using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Audit;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Units;
using ParIndex.Scoring;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>Framework and unit administration: the .xlsx round trip, edits checked whole, the lock after opening, mergers.</summary>
public sealed class FrameworkAdminTests(WorkflowFixture app) : IClassFixture<WorkflowFixture>
{
    private const int Year = WorkflowFixture.Year;

    private async Task<FrameworkAdminService.Edit> CurrentAsync() => (await app.Get<FrameworkAdminService>().GetAsync(Year, null))!;

    [Fact]
    public async Task Xlsx_ExportThenImport_ReturnsTheSameFramework_AndChangesNothing()
    {
        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(-10);
        var before = await CurrentAsync();

        var file = FrameworkFile.Write(before.Rows);
        var (rows, errors) = FrameworkFile.Read(file, "bo-chi-so.xlsx");
        var audits = await app.Db().AuditEntries.CountAsync(a => a.Subject == AuditSubjects.Framework);
        var applied = await app.Get<FrameworkAdminService>().ApplyAsync(await app.ActorAsync("quantri"), Year, before.Version.Id, rows, null);

        Assert.Empty(errors);
        Assert.Equal(before.Rows, rows);
        Assert.True(applied.Succeeded, applied.Message);
        Assert.Equal(before.Rows, (await CurrentAsync()).Rows);
        var added = await app.Db().AuditEntries.Where(a => a.Subject == AuditSubjects.Framework).OrderBy(a => a.Id).Skip(audits).Take(2).ToListAsync();
        Assert.True(added.Count == 0, string.Join("\n", added.Select(a => a.OldValue + " => " + a.NewValue)));
        Assert.Contains(rows, r => r.EvidenceRequired);
        Assert.Equal(6, rows.Where(r => r.RuleKind is not null).Select(r => r.RuleKind).Distinct().Count());
    }

    [Fact]
    public void Xlsx_BadCells_AreEachNamedWithLineAndColumn()
    {
        var file = XlsxFile.Create(
            ["mã", "mã cha", "tên", "điểm tối đa", "thành phần", "cách chấm", "tham số", "bắt buộc tài liệu kiểm chứng"],
            ["1", "", "Lĩnh vực", "", "", "", "", ""],
            ["1.1", "1", "Tiêu chí", "abc", "thẩm định", "manual", "{\"step\":0.25}", ""],
            ["1.2", "1", "Tiêu chí", 1m, "khác", "weird", "", "maybe"]);

        var (_, errors) = FrameworkFile.Read(file, "bad.xlsx");

        Assert.Contains(errors, e => e.Line == 3 && e.Column!.StartsWith("D ", StringComparison.Ordinal) && e.Message.Contains("'abc' không phải là số", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Column!.StartsWith("E ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Column!.StartsWith("F ", StringComparison.Ordinal) && e.Message.Contains("Unknown rule", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 4 && e.Column!.StartsWith("H ", StringComparison.Ordinal));
        var (_, noHeader) = FrameworkFile.Read(XlsxFile.Create(["code", "name"]), "h.xlsx");
        Assert.Contains(noHeader, e => e.Message.Contains("'mã cha'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Edits_CheckedWholeByTheEngine_ThenAppliedByCode_AndAudited()
    {
        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(-5);
        var service = app.Get<FrameworkAdminService>();
        var admin = await app.ActorAsync("quantri");
        var edit = await CurrentAsync();
        var ids = await app.Db().FrameworkNodes.Where(n => n.FrameworkId == edit.Version.Id).ToDictionaryAsync(n => n.Code, n => n.Id);

        // A leaf above its parent's maximum is refused with the engine's words; nothing changes.
        var leaf = edit.Rows.Single(r => r.Code == "1.5.1");
        var tooBig = await service.ApplyAsync(admin, Year, edit.Version.Id, FrameworkAdminService.Replace(edit.Rows, leaf with { MaxPoints = 50m }), null);
        Assert.Equal(OutcomeKind.Invalid, tooBig.Kind);
        Assert.Equal(edit.Rows, (await CurrentAsync()).Rows);

        // Rename, mark evidence required, add a leaf, move it up: ids are kept, each change audited.
        var rows = FrameworkAdminService.Replace(edit.Rows, leaf with { Name = "Sáng kiến CCHC được công nhận", EvidenceRequired = true });
        var criterion = rows.Single(r => r.Code == "1.1");
        var oldLeaf = rows.Single(r => r.Code == "1.1.3");
        rows = FrameworkAdminService.Replace(rows, oldLeaf with { MaxPoints = oldLeaf.MaxPoints - 0.25m });
        rows = FrameworkAdminService.Add(rows, new FrameworkRowData("1.1.4", criterion.Code, "Công khai kế hoạch CCHC", 0.25m, Component.Appraisal, RuleCodec.YesNo, null, false));
        rows = FrameworkAdminService.Move(rows, "1.1.4", -1);
        var applied = await service.ApplyAsync(admin, Year, edit.Version.Id, rows, "Theo hướng dẫn mới");
        Assert.True(applied.Succeeded, applied.Message);

        var after = await CurrentAsync();
        Assert.Equal(["1.1.1", "1.1.2", "1.1.4", "1.1.3"], after.Rows.Where(r => r.Parent == "1.1").Select(r => r.Code));
        Assert.Equal(ids["1.5.1"], await app.Db().FrameworkNodes.Where(n => n.FrameworkId == edit.Version.Id && n.Code == "1.5.1").Select(n => n.Id).SingleAsync());
        var trail = await app.Db().AuditEntries.Where(a => a.Subject == AuditSubjects.Framework && a.Reason == "Theo hướng dẫn mới").ToListAsync();
        Assert.Contains(trail, a => a.OldValue == null && a.NewValue!.StartsWith("1.1.4", StringComparison.Ordinal));
        Assert.Contains(trail, a => a.NewValue!.Contains("Sáng kiến CCHC được công nhận", StringComparison.Ordinal) && a.NewValue.EndsWith("evidence", StringComparison.Ordinal));
        Assert.Equal(["1.1.1", "1.1.2", "1.1.3", "1.1.4"], FrameworkAdminService.Move(after.Rows, "1.1.4", 5).Where(r => r.Parent == "1.1").Select(r => r.Code));

        // Removing it again (and giving its points back) works while nobody has scored it.
        var back = FrameworkAdminService.Replace(FrameworkAdminService.Remove(after.Rows, "1.1.4"), oldLeaf);
        var removed = await service.ApplyAsync(admin, Year, edit.Version.Id, back, null);
        Assert.True(removed.Succeeded, removed.Message);
        Assert.Equal(edit.Rows.Select(r => r.Code), (await CurrentAsync()).Rows.Select(r => r.Code));
    }

    [Fact]
    public async Task Lock_AfterSelfAssessmentOpens_OnlyAnAdministratorWithAReason_AndEnteredScoresAreProtected()
    {
        var service = app.Get<FrameworkAdminService>();
        var admin = await app.ActorAsync("quantri");
        var (reporter, _) = await app.UnitStaffAsync("SO13");
        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(1);
        Assert.True((await app.Get<Assessments.AssessmentService>().SaveSelfAsync(reporter, Year, "SO13", "1.3.3", LeafInput.Points(1m), null, 0)).Succeeded);
        var edit = await CurrentAsync();
        Assert.True(edit.Locked);

        var renamed = FrameworkAdminService.Replace(edit.Rows, edit.Rows.Single(r => r.Code == "8") with { Name = "Khác" });
        Assert.Equal(OutcomeKind.Forbidden, (await service.ApplyAsync(admin, Year, edit.Version.Id, renamed, null)).Kind);
        Assert.Equal(OutcomeKind.Forbidden, (await service.ApplyAsync(reporter, Year, edit.Version.Id, renamed, "x")).Kind);
        var removed = await service.ApplyAsync(admin, Year, edit.Version.Id, FrameworkAdminService.Remove(edit.Rows, "1.3.3"), "bỏ tiêu chí");
        Assert.Contains(removed.Problems, p => p.Field == "1.3.3");
        var step = edit.Rows.Single(r => r.Code == "1.3.3");
        var misfit = await service.ApplyAsync(admin, Year, edit.Version.Id, FrameworkAdminService.Replace(edit.Rows, step with { RuleParameters = "{\"step\":0.75}" }), "bước mới");
        Assert.Contains(misfit.Problems, p => p.Field == "1.3.3" && p.Message.Contains("không còn phù hợp", StringComparison.Ordinal));

        var overridden = await service.ApplyAsync(admin, Year, edit.Version.Id, renamed, "Sửa lỗi chính tả tên lĩnh vực");
        Assert.True(overridden.Succeeded, overridden.Message);
        var entry = await app.Db().AuditEntries.OrderByDescending(a => a.Id).FirstAsync(a => a.Subject == AuditSubjects.Framework);
        Assert.Equal("Sửa sau khi khóa: Sửa lỗi chính tả tên lĩnh vực", entry.Reason);
        Assert.Equal("quantri", entry.UserName);
    }

    [Fact]
    public async Task Units_MergeRecordsLineage_NewUnitsAndBlocsAreData()
    {
        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(-1);
        var units = app.Get<UnitAdminService>();
        var admin = await app.ActorAsync("quantri");
        var framework = (await CurrentAsync()).Version.Id;
        var copied = await app.Get<FrameworkAdminService>().CopyVersionAsync(admin, Year, framework, "2026-xa", "Bộ chỉ số cấp xã 2026");
        Assert.True(copied.Succeeded, copied.Message);
        var communes = ((FrameworkVersion)copied.Value!).Id;
        Assert.Equal((await CurrentAsync()).Rows, (await app.Get<FrameworkAdminService>().GetAsync(Year, communes))!.Rows);
        Assert.Equal(OutcomeKind.Invalid, (await app.Get<FrameworkAdminService>().CopyVersionAsync(admin, Year, framework, "2026-xa", "again")).Kind);
        Assert.True((await units.SetAsync(admin, Year, "XA01", "XA", communes)).Succeeded);

        Assert.True((await units.AddBlocAsync(admin, "BQL", "Khối ban quản lý")).Succeeded);
        Assert.Equal(OutcomeKind.Invalid, (await units.AddBlocAsync(admin, "BQL", "Trùng")).Kind);
        Assert.True((await units.AddUnitAsync(admin, Year, "BQL01", "Ban Quản lý các khu công nghiệp", "BQL", framework)).Succeeded);
        Assert.Equal(OutcomeKind.Invalid, (await units.MergeAsync(admin, Year, "XA99", "Xã mới", "XA", ["XA28"], "sáp nhập")).Kind);
        var merged = await units.MergeAsync(admin, Year, "XA99", "Phường Hồng Hà", "XA", ["XA28", "XA29", "XA30"], "Nghị quyết sắp xếp ĐVHC");
        Assert.True(merged.Succeeded, merged.Message);

        var rows = await units.ListAsync(Year);
        Assert.DoesNotContain(rows, r => r.Code is "XA28" or "XA29" or "XA30");
        Assert.Equal(["XA28", "XA29", "XA30"], rows.Single(r => r.Code == "XA99").Predecessors.Order());
        Assert.Equal("BQL", rows.Single(r => r.Code == "BQL01").BlocCode);
        Assert.Equal(communes, rows.Single(r => r.Code == "XA01").FrameworkId);
        Assert.False(await app.Db().Units.Where(u => u.Code == "XA28").Select(u => u.IsActive).SingleAsync());
        Assert.True(await app.Db().AuditEntries.AnyAsync(a => a.Subject == AuditSubjects.Unit && a.Reason == "Nghị quyết sắp xếp ĐVHC"));
    }
}
