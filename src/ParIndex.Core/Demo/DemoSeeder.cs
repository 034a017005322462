using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Core.Surveys;
using ParIndex.Core.Units;
using ParIndex.Core.Years;
using ParIndex.Scoring;
using ParIndex.Scoring.Rules;

namespace ParIndex.Core.Demo;

/// <summary>
/// Seeds the demo province once: two blocs (20 departments, 30 communes), the demo framework, and
/// deterministic generated leaf scores for <see cref="CurrentYear"/> and the year before, scored by
/// the engine. The data is built so that ranks, a tie, rank changes and not-applicable leaves all show.
/// </summary>
public sealed class DemoSeeder(ParIndexDbContext db, ResultsService results, AccountService accounts, SurveyAdminService surveys,
    SurveyImportService surveyImports, SurveyFormService surveyForms, PublicationService publications, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    /// <summary>The demo's assessment year; the previous year is seeded too, for rank changes.</summary>
    public const int CurrentYear = 2025;

    // Any constant; serialises concurrent seeders (two instances starting at once).
    private const long AdvisoryLockKey = 0x5041_5249_4E44_4558;

    /// <summary>Seeds the demo if no demo year exists yet; returns whether it seeded.</summary>
    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdvisoryLockKey})", cancellationToken);
        if (await db.Years.AnyAsync(y => y.IsDemo, cancellationToken))
        {
            await transaction.CommitAsync(cancellationToken);
            await SeedSurveysAsync(cancellationToken);
            await SeedPublicationAsync(cancellationToken);
            return false;
        }

        var blocs = DemoUnits.Blocs.Select((b, i) => new Bloc { Code = b.Code, Name = b.Name, SortOrder = i + 1 }).ToList();
        db.Blocs.AddRange(blocs);
        var units = DemoUnits.Departments.Select((name, i) => new Unit { Code = $"SO{i + 1:00}", Name = name, Bloc = blocs[0] })
            .Concat(DemoUnits.Communes.Select((name, i) => new Unit { Code = $"XA{i + 1:00}", Name = name, Bloc = blocs[1] }))
            .ToList();
        db.Units.AddRange(units);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var year in new[] { CurrentYear - 1, CurrentYear })
        {
            await SeedYearAsync(year, units, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await SeedAccountsAsync(cancellationToken);
        await SeedSurveysAsync(cancellationToken);
        await SeedPublicationAsync(cancellationToken);
        logger.LogInformation("Seeded the demo province: {Units} units, years {First}-{Last}", units.Count, CurrentYear - 1, CurrentYear);
        return true;
    }

    /// <summary>
    /// Seeds each demo year's survey once (questionnaires, populations, generated responses imported
    /// through the real import, a few invitation codes for the public form). Runs again at start until
    /// done, so an interrupted start completes later.
    /// </summary>
    private async Task SeedSurveysAsync(CancellationToken cancellationToken)
    {
        foreach (var year in new[] { CurrentYear - 1, CurrentYear })
        {
            var yearId = await db.Years.Where(y => y.Year == year && y.IsDemo).Select(y => y.Id).SingleOrDefaultAsync(cancellationToken);
            if (yearId == 0 || await db.SurveyImports.AnyAsync(i => i.AssessmentYearId == yearId, cancellationToken))
            {
                continue;
            }

            if (!await db.SurveyGroups.AnyAsync(g => g.AssessmentYearId == yearId, cancellationToken))
            {
                await SeedQuestionnaireAsync(year, cancellationToken);
            }

            var units = await db.YearUnits.AsNoTracking().Where(u => u.AssessmentYearId == yearId).OrderBy(u => u.Unit!.Code)
                .Select(u => u.Unit!.Code).ToListAsync(cancellationToken);
            Require(await surveys.SetPopulationsAsync(null, year,
                [.. units.SelectMany((unit, i) => DemoSurvey.Groups.Select(g => (unit, g.Code, DemoSurvey.Population(g.Code, i))))], cancellationToken), "populations");
            var twin = year == CurrentYear ? units.IndexOf("SO04") : -1;
            var imported = await surveyImports.ImportAsync(null, year, $"khao-sat-{year}.csv",
                DemoSurvey.ResponsesCsv(year, units, twin, units.IndexOf("SO03")), score: true, cancellationToken);
            if (!imported.Succeeded)
            {
                throw new InvalidOperationException($"Demo survey {year}: {string.Join("; ", imported.Errors)}");
            }

            if (year == CurrentYear)
            {
                Require(await surveyForms.CreateInvitationsAsync(null, year, "SO03", "nguoidan", 12, cancellationToken), "invitations");
            }
        }
    }

    /// <summary>The demo's decision publishing the year before <see cref="CurrentYear"/> (the current year is left for the user to publish).</summary>
    public static (string Number, string Date) PreviousYearDecision => ("1520/QĐ-UBND", $"15/04/{CurrentYear}");

    /// <summary>
    /// Publishes the year before <see cref="CurrentYear"/> the way a province does: the secretary
    /// proposes, the administrator publishes under <see cref="PreviousYearDecision"/>. Once, after its survey.
    /// </summary>
    private async Task SeedPublicationAsync(CancellationToken cancellationToken)
    {
        const int year = CurrentYear - 1;
        var yearId = await db.Years.Where(y => y.Year == year && y.IsDemo).Select(y => y.Id).SingleOrDefaultAsync(cancellationToken);
        if (yearId == 0 || await db.Publications.AnyAsync(p => p.AssessmentYearId == yearId, cancellationToken)
            || !await db.SurveyImports.AnyAsync(i => i.AssessmentYearId == yearId, cancellationToken))
        {
            return;
        }

        async Task<Actor> ActorAsync(string userName, string role) =>
            new(await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync(cancellationToken), userName, role, null);
        var proposed = await publications.ProposeAsync(await ActorAsync("thuky", Roles.Secretary), year, "Dữ liệu minh họa", cancellationToken);
        Require(proposed, "proposal");
        var (number, date) = PreviousYearDecision;
        Require(await publications.PublishAsync(await ActorAsync("quantri", Roles.Administrator), year, number, date, cancellationToken), "publication");
    }

    private async Task SeedQuestionnaireAsync(int year, CancellationToken cancellationToken)
    {
        foreach (var (code, name) in DemoSurvey.Groups)
        {
            Require(await surveys.AddGroupAsync(null, year, code, name, cancellationToken), $"group {code}");
        }

        foreach (var question in DemoSurvey.Questions)
        {
            Require(await surveys.AddQuestionAsync(null, year, question, cancellationToken), $"question {question.Code}");
        }

        foreach (var (leaf, method, weights) in DemoSurvey.Leaves)
        {
            Require(await surveys.SetLeafAsync(null, year, leaf, method, weights, null, cancellationToken), $"leaf {leaf}");
        }
    }

    private static void Require(Outcome outcome, string what)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException($"Demo {what}: {outcome.Message}");
        }
    }

    private async Task SeedAccountsAsync(CancellationToken cancellationToken)
    {
        foreach (var (userName, fullName, role, unit) in DemoAccounts.All)
        {
            var created = await accounts.CreateAsync(null, new NewAccount(userName, fullName, null, role, unit, DemoAccounts.Password), cancellationToken);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Demo account {userName}: {created.Message}");
            }
        }

        foreach (var year in new[] { CurrentYear - 1, CurrentYear })
        {
            foreach (var unit in DemoAccounts.AppraiserUnits)
            {
                var assigned = await accounts.AssignAsync(null, year, "thamdinh", unit, null, cancellationToken);
                if (!assigned.Succeeded)
                {
                    throw new InvalidOperationException($"Demo assignment {unit}: {assigned.Message}");
                }
            }
        }
    }

    private async Task SeedYearAsync(int year, List<Unit> units, CancellationToken cancellationToken)
    {
        var assessment = new AssessmentYear
        {
            Year = year,
            Title = $"Chỉ số CCHC năm {year} (dữ liệu minh họa)",
            IsDemo = true,
            CreatedAt = clock.GetUtcNow(),
            Classes =
            [
                new IndexClassRow { Label = "A", MinimumIndex = 90m },
                new IndexClassRow { Label = "B", MinimumIndex = 80m },
                new IndexClassRow { Label = "C", MinimumIndex = 0m },
            ],
        };
        db.Years.Add(assessment);
        await db.SaveChangesAsync(cancellationToken);

        var framework = DemoFramework.Create($"demo-{year}");
        var version = StoredFramework.ToRows(assessment.Id, $"Bộ chỉ số minh họa {year} (điểm số minh họa)", framework);
        foreach (var row in version.Nodes.Where(n => DemoFramework.EvidenceRequired.Contains(n.Code)))
        {
            row.EvidenceRequired = true;
        }

        db.Frameworks.Add(version);
        await db.SaveChangesAsync(cancellationToken);
        var nodeIds = version.Nodes.ToDictionary(n => n.Code, n => n.Id);

        var generated = units.Select((unit, i) => (Unit: unit, Inputs: DemoScores.Generate(framework, year, i))).ToList();
        DemoScores.MakeTie(generated.Select(g => g.Inputs).ToList(), year);

        foreach (var (unit, inputs) in generated)
        {
            db.YearUnits.Add(new YearUnit
            {
                AssessmentYearId = assessment.Id, UnitId = unit.Id, BlocId = unit.BlocId, FrameworkId = version.Id, Status = UnitStatus.Final,
            });
            for (var leaf = 0; leaf < inputs.Length; leaf++)
            {
                var input = inputs[leaf];
                db.LeafScores.Add(new LeafScore
                {
                    AssessmentYearId = assessment.Id,
                    UnitId = unit.Id,
                    NodeId = nodeIds[framework.Leaves[leaf].Code],
                    Kind = input.Kind,
                    First = input.First,
                    Second = input.Second,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        await results.RecomputeAsync(year, cancellationToken);
    }
}
