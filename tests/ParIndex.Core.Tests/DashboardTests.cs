using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Assessments;
using ParIndex.Core.Demo;
using ParIndex.Core.Reports;
using ParIndex.Core.Years;
using ParIndex.Tests;

namespace ParIndex.Core.Tests;

/// <summary>The dashboard as the Department of Home Affairs follows a year: progress per unit, late units reminded, the list as a workbook.</summary>
public sealed class DashboardTests(WorkflowFixture app) : IClassFixture<WorkflowFixture>
{
    private const int Year = WorkflowFixture.Year;

    [Fact]
    public async Task Progress_LateUnits_Reminders_AndTheWorkbook()
    {
        var (reporter, _) = await app.UnitStaffAsync("SO06");
        app.Clock.Now = WorkflowFixture.SelfOpens.AddDays(2);
        Assert.True((await app.Get<AssessmentService>().PrefillFromPreviousYearAsync(reporter, Year, "SO06")).Succeeded);

        var dashboard = (await app.Get<YearAdminService>().DashboardAsync(Year))!;
        var so06 = dashboard.Units.Single(u => u.UnitCode == "SO06");
        Assert.True(so06.ToEnter > 60);
        Assert.Equal(so06.ToEnter, so06.Entered);
        Assert.Equal(DemoFramework.EvidenceRequired.Count, so06.EvidenceMissing); // entered, no document, no written explanation yet
        Assert.Equal(app.Clock.Now, so06.LastActivity);
        Assert.Equal(0, dashboard.Units.Single(u => u.UnitCode == "SO07").Entered);
        Assert.DoesNotContain(dashboard.Units, u => u.Late);

        // Once the self-assessment closes every unit that has not sent is late; one or all are reminded, once a day.
        var secretary = await app.ActorAsync("thuky");
        Assert.Equal(OutcomeKind.Invalid, (await app.Get<YearAdminService>().RemindLateAsync(secretary, Year, null)).Kind);
        app.Clock.Now = WorkflowFixture.FirstRoundOpens.AddHours(2);
        var late = (await app.Get<YearAdminService>().DashboardAsync(Year))!.Units.Count(u => u.Late);
        Assert.True(late >= 49);
        var one = await app.Get<YearAdminService>().RemindLateAsync(secretary, Year, "SO06");
        Assert.True(one.Succeeded, one.Message);
        Assert.Equal(1, one.Value);
        Assert.Equal(1, await app.Db().Notifications.CountAsync(n => n.UserId == reporter.UserId && n.Message.Contains("quá hạn")));
        var all = await app.Get<YearAdminService>().RemindLateAsync(secretary, Year, null);
        Assert.Equal(late, all.Value);
        Assert.Equal(1, await app.Db().Notifications.CountAsync(n => n.UserId == reporter.UserId && n.Message.Contains("quá hạn"))); // not twice a day

        // The workbook lists the units as shown, read back by LibreOffice.
        var shown = (await app.Get<YearAdminService>().DashboardAsync(Year))!;
        using var file = new MemoryStream();
        ExcelExports.WriteDashboard(shown, [.. shown.Units.Where(u => u.Late)], file);
        var rows = (await DocumentReaders.SheetsAsync(file.ToArray())).Single().Value;
        var header = rows.FindIndex(r => r[0] == "Mã");
        Assert.Equal(["Mã", "Đơn vị", "Khối", "Trạng thái", "Hạn", "Quá hạn", "Đã chấm", "Thiếu tài liệu", "Cập nhật gần nhất"], rows[header]);
        Assert.Equal(late, rows.Skip(header + 1).Count(r => r.Length > 1 && r[0].Length > 0));
        Assert.Contains(rows, r => r[0] == "SO06" && r[6] == $"{so06.Entered}/{so06.ToEnter}");
    }
}
