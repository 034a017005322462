using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ParIndex.Core;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;

namespace ParIndex.Cli;

/// <summary>
/// <c>parindex audit verify</c>: checks the audit chain of the database (ConnectionStrings__ParIndex) from
/// its first entry to its head, and the seal of every published version. Exit 0 when intact (the head is
/// printed, to compare with one printed on a decision); 1 naming the first entry changed, removed or
/// inserted by hand, or the version whose seal no longer holds.
/// </summary>
public static class AuditCommand
{
    public const int Broken = 1;

    public static Command Create(TextWriter output, TextWriter error)
    {
        var verify = new Command("verify", $"Check the audit chain and the seals of the published versions (database from {CliServices.ConnectionVariable}).");
        verify.SetAction(async (_, ct) =>
        {
            await using var provider = await CliServices.CreateAsync(error, ct);
            if (provider is null)
            {
                return ExitCodes.BadInput;
            }

            await using var scope = provider.CreateAsyncScope();
            var report = await AuditChain.VerifyTrailAsync(scope.ServiceProvider.GetRequiredService<ParIndexDbContext>(), ct);
            if (report.Chain.Problem is { } problem)
            {
                await error.WriteLineAsync(Messages.Get("AuditChainBrokenAt", problem, report.Chain.HeadSequence));
            }

            foreach (var seal in report.SealProblems)
            {
                await error.WriteLineAsync(seal);
            }

            if (!report.Intact)
            {
                return Broken;
            }

            await output.WriteLineAsync(Messages.Get("AuditChainIntact", report.Chain.Entries, report.Chain.HeadSequence, report.Chain.Head, report.PublicationsChecked));
            foreach (var seal in report.Seals)
            {
                await output.WriteLineAsync(seal.Sealed
                    ? Messages.Get("AuditSealLine", seal.Year, seal.Version, seal.Decision, seal.ContentHash, seal.Sequence, seal.Head)
                    : Messages.Get("AuditSealMissing", seal.Year, seal.Version, seal.Decision));
            }
            return ExitCodes.Success;
        });
        return new Command("audit", "The audit trail: verify that it has not been tampered with.") { verify };
    }
}
