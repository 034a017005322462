using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core;
using ParIndex.Core.Accounts;

namespace ParIndex.Cli;

/// <summary>
/// <c>parindex users add|disable|enable|list</c>: accounts from the command line (the first
/// administrator in production). The password is read from standard input, never from an argument.
/// </summary>
public static class UsersCommand
{
    public static Command Create(TextReader input, TextWriter output, TextWriter error)
    {
        var userName = new Argument<string>("USERNAME") { Description = "Sign-in name: unaccented lower-case letters, digits and . - _ @" };
        var fullName = new Option<string>("--name") { Description = "Full name, e.g. \"Nguyễn Văn An\".", Required = true };
        var role = new Option<string>("--role") { Description = $"One of: {string.Join(", ", Roles.All)}.", Required = true };
        var unit = new Option<string?>("--unit") { Description = "Unit code (reporters and unit heads only)." };
        var email = new Option<string?>("--email") { Description = "E-mail address (optional)." };
        var add = new Command("add", "Create an account; the password is read from the first line of standard input.")
        {
            userName, fullName, role, unit, email,
        };
        add.SetAction(async (parse, ct) =>
        {
            var password = (await input.ReadLineAsync(ct))?.Trim() ?? "";
            return await WithServicesAsync(error, ct, async services =>
                Report(await services.GetRequiredService<AccountService>().CreateAsync(null,
                    new NewAccount(parse.GetValue(userName)!, parse.GetValue(fullName)!, parse.GetValue(email), parse.GetValue(role)!, parse.GetValue(unit), password), ct),
                    $"Created {parse.GetValue(userName)} ({parse.GetValue(role)}).", output, error));
        });

        var reason = new Option<string>("--reason") { Description = "Why (kept in the audit trail).", Required = true };
        var disableName = new Argument<string>("USERNAME");
        var disable = new Command("disable", "Disable an account: it can no longer sign in.") { disableName, reason };
        disable.SetAction((parse, ct) => SetDisabledAsync(parse.GetValue(disableName)!, true, parse.GetValue(reason), output, error, ct));
        var enableName = new Argument<string>("USERNAME");
        var enable = new Command("enable", "Enable a disabled account again.") { enableName, reason };
        enable.SetAction((parse, ct) => SetDisabledAsync(parse.GetValue(enableName)!, false, parse.GetValue(reason), output, error, ct));

        var list = new Command("list", "List the accounts as CSV: user, name, role, unit, state.");
        list.SetAction((_, ct) => WithServicesAsync(error, ct, async services =>
        {
            await output.WriteLineAsync("user,name,role,unit,state");
            foreach (var a in await services.GetRequiredService<AccountService>().ListAsync(ct))
            {
                await output.WriteLineAsync($"{a.UserName},\"{a.FullName}\",{a.Role},{a.UnitCode},{(a.DisabledAt is null ? "active" : "disabled")}");
            }

            return ExitCodes.Success;
        }));

        return new Command("users", $"Manage accounts (database from {CliServices.ConnectionVariable}).") { add, disable, enable, list };
    }

    private static Task<int> SetDisabledAsync(string userName, bool disabled, string? reason, TextWriter output, TextWriter error, CancellationToken ct) =>
        WithServicesAsync(error, ct, async services =>
            Report(await services.GetRequiredService<AccountService>().SetDisabledAsync(null, userName, disabled, reason, ct),
                $"{(disabled ? "Disabled" : "Enabled")} {userName}.", output, error));

    private static async Task<int> WithServicesAsync(TextWriter error, CancellationToken ct, Func<IServiceProvider, Task<int>> action)
    {
        await using var provider = await CliServices.CreateAsync(error, ct);
        if (provider is null)
        {
            return ExitCodes.BadInput;
        }

        await using var scope = provider.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    private static int Report(Outcome outcome, string success, TextWriter output, TextWriter error)
    {
        if (outcome.Succeeded)
        {
            output.WriteLine(success);
            return ExitCodes.Success;
        }

        foreach (var problem in outcome.Problems)
        {
            error.WriteLine(problem.Field.Length > 0 ? $"{problem.Field}: {problem.Message}" : problem.Message);
        }

        return ExitCodes.BadInput;
    }
}
