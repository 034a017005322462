using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;

namespace ParIndex.Core.Tests;

/// <summary>Accounts as a careful administrator expects: the last administrator stays, a reset gives a temporary password that must be changed.</summary>
public sealed class AccountRulesTests(WorkflowFixture app) : IClassFixture<WorkflowFixture>
{
    [Fact]
    public async Task TheLastAdministrator_CannotBeDisabled_NorAnAdministratorThemselves()
    {
        var accounts = app.Get<AccountService>();
        var admin = await app.ActorAsync("quantri");
        Assert.Equal(OutcomeKind.Invalid, (await accounts.SetDisabledAsync(admin, "quantri", true, "thử")).Kind); // themselves
        var last = await accounts.SetDisabledAsync(null, "quantri", true, "từ dòng lệnh"); // the CLI acts as nobody in particular
        Assert.Equal(OutcomeKind.Invalid, last.Kind);
        Assert.Contains("quản trị viên cuối cùng", last.Message, StringComparison.Ordinal);

        Assert.True((await accounts.CreateAsync(admin, new NewAccount("quantri2", "Đỗ Văn Hai", null, Roles.Administrator, null, "Quan-Tri-2027x"))).Succeeded);
        Assert.True((await accounts.SetDisabledAsync(admin, "quantri2", true, "Nghỉ phép")).Succeeded);
        Assert.Equal(OutcomeKind.Invalid, (await accounts.SetDisabledAsync(null, "quantri", true, "x")).Kind); // quantri2 is disabled: still the last
        Assert.True((await accounts.SetDisabledAsync(admin, "quantri2", false, "Đi làm lại")).Succeeded);
        var other = await app.ActorAsync("quantri2");
        Assert.True((await accounts.SetDisabledAsync(other, "quantri", true, "Chuyển công tác")).Succeeded);
        Assert.True((await accounts.SetDisabledAsync(other, "quantri", false, "Quay lại")).Succeeded);
    }

    [Fact]
    public async Task AReset_GivesATemporaryPassword_EndsSessions_AndMustBeChanged()
    {
        var accounts = app.Get<AccountService>();
        var admin = await app.ActorAsync("quantri");
        var (reporter, _) = await app.UnitStaffAsync("SO08");
        var users = app.Get<UserManager<ParIndexUser>>();
        var stamp = (await users.FindByNameAsync(reporter.UserName))!.SecurityStamp;

        Assert.Equal(OutcomeKind.Invalid, (await accounts.ResetPasswordAsync(admin, "quantri")).Kind); // one's own: change it instead
        var reset = await accounts.ResetPasswordAsync(admin, reporter.UserName);
        Assert.True(reset.Succeeded, reset.Message);
        var temporary = (string)reset.Value!;
        Assert.Matches("^(?=.*[A-Z])(?=.*[a-z])(?=.*[0-9]).{12}$", temporary);
        Assert.NotEqual(temporary, (string)(await accounts.ResetPasswordAsync(admin, reporter.UserName)).Value!); // never the same twice
        temporary = (string)(await accounts.ResetPasswordAsync(admin, reporter.UserName)).Value!;
        var user = (await app.Get<UserManager<ParIndexUser>>().FindByNameAsync(reporter.UserName))!;
        Assert.True(user.MustChangePassword);
        Assert.NotEqual(stamp, user.SecurityStamp); // sessions and tokens end
        Assert.True(await users.CheckPasswordAsync(user, temporary));

        var wrong = await accounts.ChangePasswordAsync(reporter, "not-it", "Moi-Mat-Khau-2027");
        Assert.Equal(["currentPassword"], wrong.Problems.Select(p => p.Field));
        var weak = await accounts.ChangePasswordAsync(reporter, temporary, "short");
        Assert.All(weak.Problems, p => Assert.Equal("newPassword", p.Field));
        Assert.True((await accounts.ChangePasswordAsync(reporter, temporary, "Moi-Mat-Khau-2027")).Succeeded);
        user = (await app.Get<UserManager<ParIndexUser>>().FindByNameAsync(reporter.UserName))!;
        Assert.False(user.MustChangePassword);
        Assert.True(await app.Get<UserManager<ParIndexUser>>().CheckPasswordAsync(user, "Moi-Mat-Khau-2027"));
        Assert.True(await app.Db().AuditEntries.CountAsync(a => a.NewValue == $"{reporter.UserName}: temporary password set") >= 1);
        Assert.False(await app.Db().AuditEntries.AnyAsync(a => a.NewValue!.Contains(temporary))); // the password itself is never recorded
    }
}
