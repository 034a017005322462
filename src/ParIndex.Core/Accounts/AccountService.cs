using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;

namespace ParIndex.Core.Accounts;

/// <summary>Creates, lists, disables and re-enables accounts, and assigns appraisers; every change is audited.</summary>
public sealed class AccountService(ParIndexDbContext db, UserManager<ParIndexUser> users, AuditLog audit, TimeProvider clock)
{
    /// <summary>Password rules and lockout, shared by the web host and the command line.</summary>
    public static void ConfigureIdentity(IdentityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = true;
        options.Password.RequireNonAlphanumeric = false;
        options.Lockout.MaxFailedAccessAttempts = 5;
        options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
        options.Lockout.AllowedForNewUsers = true;
        options.User.RequireUniqueEmail = false;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyz0123456789.-_@";
    }

    public async Task<Outcome> CreateAsync(Actor? actor, NewAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var problems = new List<FieldProblem>();
        var userName = (account.UserName ?? "").Trim().ToLowerInvariant();
        if (userName.Length == 0)
        {
            problems.Add(new FieldProblem("userName", Messages.Get("UserNameRequired")));
        }

        if (string.IsNullOrWhiteSpace(account.FullName))
        {
            problems.Add(new FieldProblem("fullName", Messages.Get("FullNameRequired")));
        }

        if (!Roles.All.Contains(account.Role))
        {
            problems.Add(new FieldProblem("role", Messages.Get("RoleUnknown", account.Role, string.Join(", ", Roles.All))));
        }

        int? unitId = null;
        int? worksAt = null;
        if (account.Role == Roles.Appraiser && !string.IsNullOrWhiteSpace(account.UnitCode))
        {
            // An appraiser's agency is not a unit they act for: it is the one they may never appraise.
            worksAt = await db.Units.Where(u => u.Code == account.UnitCode.Trim()).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
            if (worksAt is null)
            {
                problems.Add(new FieldProblem("unitCode", Messages.Get("UnitNotFound", account.UnitCode)));
            }
        }
        else if (Roles.IsUnitRole(account.Role))
        {
            var unit = string.IsNullOrWhiteSpace(account.UnitCode)
                ? null
                : await db.Units.SingleOrDefaultAsync(u => u.Code == account.UnitCode.Trim(), cancellationToken);
            if (unit is null)
            {
                problems.Add(new FieldProblem("unitCode", string.IsNullOrWhiteSpace(account.UnitCode)
                    ? Messages.Get("UnitRequiredForRole")
                    : Messages.Get("UnitNotFound", account.UnitCode)));
            }

            unitId = unit?.Id;
        }
        else if (!string.IsNullOrWhiteSpace(account.UnitCode))
        {
            problems.Add(new FieldProblem("unitCode", Messages.Get("UnitOnlyForUnitRoles")));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        var user = new ParIndexUser
        {
            UserName = userName,
            FullName = account.FullName.Trim(),
            Email = string.IsNullOrWhiteSpace(account.Email) ? null : account.Email.Trim(),
            UnitId = unitId,
            WorksAtUnitId = worksAt,
            CreatedAt = clock.GetUtcNow(),
            LockoutEnabled = true,
        };
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var created = await users.CreateAsync(user, account.Password ?? "");
        if (!created.Succeeded)
        {
            return Outcome.Invalid(created.Errors.Select(Describe).ToList());
        }

        await EnsureRoleAsync(account.Role);
        await users.AddToRoleAsync(user, account.Role);
        audit.Record(actor, AuditSubjects.Account, null, $"{userName} ({account.Role}{(account.UnitCode is null ? "" : ", " + account.UnitCode)})");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Outcome.Ok(user);
    }

    /// <summary>Disables (or re-enables) an account; a disabled account cannot sign in and its sessions end.</summary>
    public async Task<Outcome> SetDisabledAsync(Actor? actor, string userName, bool disabled, string? reason, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync((userName ?? "").Trim());
        if (user is null)
        {
            return Outcome.NotFound(Messages.Get("AccountNotFound", userName));
        }

        if (actor is not null && actor.UserId == user.Id && disabled)
        {
            return Outcome.Invalid("userName", Messages.Get("CannotDisableSelf"));
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return Outcome.Invalid("reason", Messages.Get("ReasonMissing"));
        }

        if (disabled && user.DisabledAt is null && await IsLastAdministratorAsync(user, cancellationToken))
        {
            return Outcome.Invalid("userName", Messages.Get("CannotDisableLastAdministrator", user.UserName));
        }

        if ((user.DisabledAt is not null) == disabled)
        {
            return Outcome.Ok(user);
        }

        user.DisabledAt = disabled ? clock.GetUtcNow() : null;
        user.LockoutEnd = disabled ? DateTimeOffset.MaxValue : null;
        await users.UpdateSecurityStampAsync(user); // ends existing cookie sessions at their next validation
        audit.Record(actor, AuditSubjects.Account, $"{user.UserName}: {(disabled ? "active" : "disabled")}", $"{user.UserName}: {(disabled ? "disabled" : "active")}", reason);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(user);
    }

    /// <summary>
    /// A person changes their own password (the current one, then the new one under the rules); a temporary
    /// password set by an administrator is then gone, and every other session of the account ends.
    /// </summary>
    public async Task<Outcome> ChangePasswordAsync(Actor actor, string? current, string? next, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var user = await users.FindByIdAsync(actor.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (user is null)
        {
            return Outcome.NotFound(Messages.Get("AccountNotFound", actor.UserName));
        }

        if (string.IsNullOrEmpty(next))
        {
            return Outcome.Invalid("newPassword", Messages.Get("NewPasswordRequired"));
        }

        if (string.Equals(current, next, StringComparison.Ordinal))
        {
            return Outcome.Invalid("newPassword", Messages.Get("NewPasswordSame"));
        }

        var changed = await users.ChangePasswordAsync(user, current ?? "", next);
        if (!changed.Succeeded)
        {
            return Outcome.Invalid([.. changed.Errors.Select(e => e.Code == nameof(IdentityErrorDescriber.PasswordMismatch)
                ? new FieldProblem("currentPassword", Messages.Get("CurrentPasswordWrong"))
                : Describe(e) with { Field = "newPassword" })]);
        }

        user.MustChangePassword = false;
        await users.UpdateAsync(user);
        audit.Record(actor, AuditSubjects.Account, null, $"{user.UserName}: password changed");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(user);
    }

    /// <summary>
    /// An administrator gives another account a temporary password (returned to be shown once, never stored in
    /// clear), to be changed at the next sign-in; every session and token of the account ends at once.
    /// </summary>
    public async Task<Outcome> ResetPasswordAsync(Actor? actor, string userName, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync((userName ?? "").Trim());
        if (user is null)
        {
            return Outcome.NotFound(Messages.Get("AccountNotFound", userName));
        }

        if (actor is not null && actor.UserId == user.Id)
        {
            return Outcome.Invalid("userName", Messages.Get("ResetOwnPassword"));
        }

        // Set directly (no reset-token provider is needed, so the command line does it alike), after the same checks.
        var temporary = TemporaryPassword();
        foreach (var validator in users.PasswordValidators)
        {
            var valid = await validator.ValidateAsync(users, user, temporary);
            if (!valid.Succeeded)
            {
                return Outcome.Invalid([.. valid.Errors.Select(Describe)]);
            }
        }

        user.PasswordHash = users.PasswordHasher.HashPassword(user, temporary);
        user.MustChangePassword = true;
        await users.UpdateAsync(user);
        await users.UpdateSecurityStampAsync(user); // ends the account's sessions and tokens
        audit.Record(actor, AuditSubjects.Account, null, $"{user.UserName}: temporary password set");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(temporary);
    }

    /// <summary>Twelve characters with upper- and lower-case letters and digits, from the system's cryptographic generator.</summary>
    private static string TemporaryPassword()
    {
        const string upper = "ABCDEFGHJKLMNPQRSTUVWXYZ", lower = "abcdefghijkmnopqrstuvwxyz", digits = "23456789";
        const string all = upper + lower + digits;
        var chars = new char[12];
        chars[0] = upper[System.Security.Cryptography.RandomNumberGenerator.GetInt32(upper.Length)];
        chars[1] = lower[System.Security.Cryptography.RandomNumberGenerator.GetInt32(lower.Length)];
        chars[2] = digits[System.Security.Cryptography.RandomNumberGenerator.GetInt32(digits.Length)];
        for (var i = 3; i < chars.Length; i++)
        {
            chars[i] = all[System.Security.Cryptography.RandomNumberGenerator.GetInt32(all.Length)];
        }

        System.Security.Cryptography.RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }

    private async Task<bool> IsLastAdministratorAsync(ParIndexUser user, CancellationToken cancellationToken)
    {
        if (!await users.IsInRoleAsync(user, Roles.Administrator))
        {
            return false;
        }

        return !await (from u in db.Users
                       join ur in db.UserRoles on u.Id equals ur.UserId
                       join r in db.Roles on ur.RoleId equals r.Id
                       where r.Name == Roles.Administrator && u.DisabledAt == null && u.Id != user.Id
                       select u.Id).AnyAsync(cancellationToken);
    }

    /// <summary>Every account with its role and unit, by user name.</summary>
    public async Task<IReadOnlyList<AccountRow>> ListAsync(CancellationToken cancellationToken = default) =>
        await (from u in db.Users
               join ur in db.UserRoles on u.Id equals ur.UserId into roles
               from ur in roles.DefaultIfEmpty()
               join r in db.Roles on ur.RoleId equals r.Id into names
               from r in names.DefaultIfEmpty()
               orderby u.UserName
               select new AccountRow(u.Id, u.UserName!, u.FullName, r!.Name ?? "", u.Unit != null ? u.Unit!.Code : null,
                   u.Unit != null ? u.Unit!.Name : null, u.DisabledAt, u.LockoutEnd)).ToListAsync(cancellationToken);

    /// <summary>Assigns an appraiser to a unit and/or an area of a year.</summary>
    public async Task<Outcome> AssignAsync(Actor? actor, int year, string userName, string? unitCode, string? areaCode, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync((userName ?? "").Trim());
        if (user is null || !await users.IsInRoleAsync(user, Roles.Appraiser))
        {
            return Outcome.Invalid("userName", Messages.Get("NotAnAppraiser", userName));
        }

        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            unitId = await db.Units.Where(u => u.Code == unitCode.Trim()).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
            if (unitId is null)
            {
                return Outcome.Invalid("unitCode", Messages.Get("UnitNotFound", unitCode));
            }
        }

        if (unitId is not null && unitId == user.WorksAtUnitId)
        {
            return Outcome.Invalid("unitCode", Messages.Get("AssignmentConflict", user.FullName, unitCode!.Trim()));
        }

        areaCode = string.IsNullOrWhiteSpace(areaCode) ? null : areaCode.Trim();
        if (unitId is null && areaCode is null)
        {
            return Outcome.Invalid("unitCode", Messages.Get("AssignmentEmpty"));
        }

        if (areaCode is not null && !await db.FrameworkNodes.AnyAsync(
                n => n.Code == areaCode && n.ParentId == null && db.Frameworks.Any(f => f.Id == n.FrameworkId && f.AssessmentYearId == assessment.Id),
                cancellationToken))
        {
            return Outcome.Invalid("areaCode", Messages.Get("AreaNotFound", areaCode, year));
        }

        if (!await db.AppraiserAssignments.AnyAsync(a => a.UserId == user.Id && a.AssessmentYearId == assessment.Id && a.UnitId == unitId && a.AreaCode == areaCode, cancellationToken))
        {
            db.AppraiserAssignments.Add(new AppraiserAssignment { UserId = user.Id, AssessmentYearId = assessment.Id, UnitId = unitId, AreaCode = areaCode });
            audit.Record(actor, AuditSubjects.Assignment, null, $"{user.UserName}: {unitCode ?? "*"} / {areaCode ?? "*"}", null, assessment.Id, unitId);
            await db.SaveChangesAsync(cancellationToken);
        }

        return Outcome.Ok();
    }

    /// <summary>A year's assignments, appraiser by appraiser (with the agency each works for).</summary>
    public async Task<IReadOnlyList<AssignmentRow>> AssignmentsAsync(int year, CancellationToken cancellationToken = default) =>
        await (from a in db.AppraiserAssignments.AsNoTracking()
               join y in db.Years on a.AssessmentYearId equals y.Id
               join u in db.Users on a.UserId equals u.Id
               join unit in db.Units on a.UnitId equals unit.Id into units
               from unit in units.DefaultIfEmpty()
               where y.Year == year
               orderby u.UserName, unit!.Code, a.AreaCode
               select new AssignmentRow(a.Id, u.UserName!, u.FullName, unit == null ? null : unit.Code, unit == null ? null : unit.Name, a.AreaCode))
            .ToListAsync(cancellationToken);

    /// <summary>Every active appraiser with the agency they work for (code, name), by account name.</summary>
    public async Task<IReadOnlyList<AppraiserRow>> AppraisersAsync(CancellationToken cancellationToken = default) =>
        await (from u in db.Users.AsNoTracking()
               join ur in db.UserRoles on u.Id equals ur.UserId
               join r in db.Roles on ur.RoleId equals r.Id
               join w in db.Units on u.WorksAtUnitId equals w.Id into works
               from w in works.DefaultIfEmpty()
               where r.Name == Roles.Appraiser && u.DisabledAt == null
               orderby u.UserName
               select new AppraiserRow(u.UserName!, u.FullName, w == null ? null : w.Code, w == null ? null : w.Name)).ToListAsync(cancellationToken);

    /// <summary>Ends one assignment of a year (audited).</summary>
    public async Task<Outcome> UnassignAsync(Actor? actor, int year, int assignmentId, CancellationToken cancellationToken = default)
    {
        var assignment = await (from a in db.AppraiserAssignments
                                join y in db.Years on a.AssessmentYearId equals y.Id
                                where a.Id == assignmentId && y.Year == year
                                select a).SingleOrDefaultAsync(cancellationToken);
        if (assignment is null)
        {
            return Outcome.NotFound(Messages.Get("AssignmentNotFound", assignmentId, year));
        }

        var userName = await db.Users.Where(u => u.Id == assignment.UserId).Select(u => u.UserName).SingleAsync(cancellationToken);
        var unitCode = assignment.UnitId is { } id ? await db.Units.Where(u => u.Id == id).Select(u => u.Code).SingleAsync(cancellationToken) : null;
        db.AppraiserAssignments.Remove(assignment);
        audit.Record(actor, AuditSubjects.Assignment, $"{userName}: {unitCode ?? "*"} / {assignment.AreaCode ?? "*"}", null, null,
            assignment.AssessmentYearId, assignment.UnitId);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Sets (or clears) the agency an appraiser works for; refused while they are assigned to it.</summary>
    public async Task<Outcome> SetWorksAtAsync(Actor? actor, string userName, string? unitCode, CancellationToken cancellationToken = default)
    {
        var user = await users.FindByNameAsync((userName ?? "").Trim());
        if (user is null || !await users.IsInRoleAsync(user, Roles.Appraiser))
        {
            return Outcome.Invalid("userName", Messages.Get("NotAnAppraiser", userName));
        }

        int? unitId = null;
        if (!string.IsNullOrWhiteSpace(unitCode))
        {
            unitId = await db.Units.Where(u => u.Code == unitCode.Trim()).Select(u => (int?)u.Id).SingleOrDefaultAsync(cancellationToken);
            if (unitId is null)
            {
                return Outcome.Invalid("unitCode", Messages.Get("UnitNotFound", unitCode));
            }

            if (await db.AppraiserAssignments.AnyAsync(a => a.UserId == user.Id && a.UnitId == unitId, cancellationToken))
            {
                return Outcome.Invalid("unitCode", Messages.Get("AssignmentConflict", user.FullName, unitCode.Trim()));
            }
        }

        var before = user.WorksAtUnitId is { } old ? await db.Units.Where(u => u.Id == old).Select(u => u.Code).SingleAsync(cancellationToken) : null;
        user.WorksAtUnitId = unitId;
        audit.Record(actor, AuditSubjects.Account, $"{user.UserName} works at {before ?? "-"}", $"{user.UserName} works at {unitCode?.Trim() ?? "-"}");
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    private async Task EnsureRoleAsync(string role)
    {
        var normalized = role.ToUpperInvariant();
        if (!await db.Roles.AnyAsync(r => r.NormalizedName == normalized))
        {
            db.Roles.Add(new IdentityRole<int> { Name = role, NormalizedName = normalized, ConcurrencyStamp = Guid.NewGuid().ToString() });
            await db.SaveChangesAsync();
        }
    }

    private static FieldProblem Describe(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => new("password", Messages.Get("PasswordTooShort", 10)),
        nameof(IdentityErrorDescriber.PasswordRequiresDigit) => new("password", Messages.Get("PasswordRequiresDigit")),
        nameof(IdentityErrorDescriber.PasswordRequiresLower) => new("password", Messages.Get("PasswordRequiresLower")),
        nameof(IdentityErrorDescriber.PasswordRequiresUpper) => new("password", Messages.Get("PasswordRequiresUpper")),
        nameof(IdentityErrorDescriber.DuplicateUserName) => new("userName", Messages.Get("DuplicateUserName")),
        nameof(IdentityErrorDescriber.InvalidUserName) => new("userName", Messages.Get("InvalidUserName")),
        _ => new("", error.Description),
    };
}
