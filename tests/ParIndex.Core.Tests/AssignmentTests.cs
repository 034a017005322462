using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;

namespace ParIndex.Core.Tests;

/// <summary>Who appraises what: assignments listed, added and removed (audited); an appraiser's own agency is never theirs to appraise.</summary>
public sealed class AssignmentTests(WorkflowFixture app) : IClassFixture<WorkflowFixture>
{
    private const int Year = WorkflowFixture.Year;

    [Fact]
    public async Task AnAppraiser_IsNeverAssignedTo_NorShown_TheAgencyTheyWorkFor()
    {
        var accounts = app.Get<AccountService>();
        var admin = await app.ActorAsync("quantri");
        var created = await accounts.CreateAsync(admin, new NewAccount("thamdinh.sonv", "Lê Thị Hoa", null, Roles.Appraiser, "SO01", "Tham-Dinh-2027"));
        Assert.True(created.Succeeded, created.Message);
        Assert.Equal(OutcomeKind.Invalid, (await accounts.AssignAsync(admin, Year, "thamdinh.sonv", "SO01", null)).Kind); // own agency
        Assert.True((await accounts.AssignAsync(admin, Year, "thamdinh.sonv", "SO02", null)).Succeeded);
        Assert.True((await accounts.AssignAsync(admin, Year, "thamdinh.sonv", null, "3")).Succeeded); // area 3 of every unit…
        var appraiser = await app.ActorAsync("thamdinh.sonv");
        var service = app.Get<AssessmentService>();
        Assert.Equal(OutcomeKind.Forbidden, (await service.SheetAsync(appraiser, Year, "SO01")).Kind); // …but never of SO01
        Assert.True((await service.SheetAsync(appraiser, Year, "SO03")).Succeeded);

        // Moving to an agency they are assigned to is refused; removing an assignment is audited.
        Assert.Equal(OutcomeKind.Invalid, (await accounts.SetWorksAtAsync(admin, "thamdinh.sonv", "SO02")).Kind);
        var listed = await accounts.AssignmentsAsync(Year);
        var toSo02 = listed.Single(a => a is { UserName: "thamdinh.sonv", UnitCode: "SO02" });
        Assert.True((await accounts.UnassignAsync(admin, Year, toSo02.Id)).Succeeded);
        Assert.Equal(OutcomeKind.NotFound, (await accounts.UnassignAsync(admin, Year, toSo02.Id)).Kind);
        Assert.True((await accounts.SetWorksAtAsync(admin, "thamdinh.sonv", "SO02")).Succeeded);
        Assert.Equal(OutcomeKind.Forbidden, (await service.SheetAsync(appraiser, Year, "SO02")).Kind);
        Assert.True(await app.Db().AuditEntries.AnyAsync(a => a.Subject == Audit.AuditSubjects.Assignment && a.OldValue == "thamdinh.sonv: SO02 / *" && a.NewValue == null));
        Assert.Equal("SO02", (await accounts.AppraisersAsync()).Single(a => a.UserName == "thamdinh.sonv").WorksAtCode);
    }
}
