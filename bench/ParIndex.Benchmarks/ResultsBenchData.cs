using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Frameworks;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Core.Units;
using ParIndex.Core.Years;
using ParIndex.Web.Infrastructure.Printing;

namespace ParIndex.Benchmarks;

/// <summary>
/// A national-scale store for the results benchmarks, built once per process: the 4,000 units and
/// 100-leaf framework of <see cref="NationalData"/> in 69 blocs, two years (different seeds, so ranks
/// move), both computed, proposed and published; and the web pages served on loopback. Needs
/// PARINDEX_BENCH_DATABASE (docs/benchmarks.md).
/// </summary>
internal sealed class ResultsBenchData
{
    public const int Year = 2025;

    /// <summary>The year of <see cref="CommuneBlocAsync"/>: every commune of the country in one bloc.</summary>
    public const int CommuneYear = 2026;

    /// <summary>The code of that bloc.</summary>
    public const string CommuneBloc = "XA";

    /// <summary>
    /// The year of <see cref="CorrectionYearAsync"/>: the 4,000 units in their 69 blocs, published, then
    /// a correction opened, so that final units may be amended.
    /// </summary>
    public const int CorrectionYear = 2023;

    /// <summary>
    /// The year of <see cref="DraftYearAsync"/>: the 4,000 units final and computed, never proposed,
    /// every phase of its calendar open: results may be recomputed and a unit taken back and finalised again.
    /// </summary>
    public const int DraftYear = 2022;

    private static readonly Lazy<Task<ResultsBenchData>> Instance = new(CreateAsync);

    private ResultsBenchData(ServiceProvider services, PrintHost host, string database)
    {
        Services = services;
        Host = host;
        Database = database;
        Client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };
    }

    public ServiceProvider Services { get; }

    public PrintHost Host { get; }

    public HttpClient Client { get; }

    public string Database { get; }

    public static ResultsBenchData Get() => Instance.Value.GetAwaiter().GetResult();

    /// <summary>
    /// Adds (once) the year <see cref="CommuneYear"/> in which the 3,321 communes of the country are
    /// ranked in one bloc, computed, proposed and published: the national bloc of score cards.
    /// </summary>
    public async Task CommuneBlocAsync()
    {
        using (var scope = Services.CreateScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<ParIndexDbContext>().Years.AnyAsync(y => y.Year == CommuneYear))
            {
                return;
            }
        }

        List<Unit> communes;
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
            var bloc = new Bloc { Code = CommuneBloc, Name = "Khối xã, phường toàn quốc", SortOrder = 100 };
            db.Blocs.Add(bloc);
            await db.SaveChangesAsync();
            communes = await db.Units.Where(u => u.Code.CompareTo($"U{NationalData.Communes:0000}") < 0).OrderBy(u => u.Code).ToListAsync();
            foreach (var unit in communes)
            {
                unit.Bloc = bloc; // SeedYearAsync places each unit of the year in its unit's bloc
            }
        }

        await SeedYearAsync(Services, CommuneYear, new NationalData(2027), communes);
        await Services.CreateScope().ServiceProvider.GetRequiredService<ResultsService>().RecomputeAsync(CommuneYear);
        using (var scope = Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
            var secretary = await db.Users.Where(u => u.UserName == "thuky").Select(u => new Actor(u.Id, u.UserName!, Roles.Secretary, null)).SingleAsync();
            var administrator = await db.Users.Where(u => u.UserName == "quantri").Select(u => new Actor(u.Id, u.UserName!, Roles.Administrator, null)).SingleAsync();
            var publications = scope.ServiceProvider.GetRequiredService<PublicationService>();
            Require(await publications.ProposeAsync(secretary, CommuneYear, null));
            Require(await publications.PublishAsync(administrator, CommuneYear, $"{CommuneYear}/QĐ-BNV", $"30/11/{CommuneYear}")); // not after today
        }

        await SettleAsync(Database);
    }

    /// <summary>
    /// Adds (once) the year <see cref="CorrectionYear"/>: computed, proposed, published and then opened
    /// for correction by the administrator with a reason (so its results are unlocked and final units may be amended).
    /// </summary>
    public async Task CorrectionYearAsync()
    {
        using (var scope = Services.CreateScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<ParIndexDbContext>().Years.AnyAsync(y => y.Year == CorrectionYear))
            {
                return;
            }
        }

        await SeedYearAsync(Services, CorrectionYear, new NationalData(2023), await NationalUnitsAsync());
        await Services.CreateScope().ServiceProvider.GetRequiredService<ResultsService>().RecomputeAsync(CorrectionYear);
        using (var scope = Services.CreateScope())
        {
            var publications = scope.ServiceProvider.GetRequiredService<PublicationService>();
            Require(await publications.ProposeAsync(await ActorAsync("thuky", Roles.Secretary), CorrectionYear, null));
            var administrator = await ActorAsync("quantri", Roles.Administrator);
            Require(await publications.PublishAsync(administrator, CorrectionYear, $"{CorrectionYear}/QĐ-BNV", $"05/05/{CorrectionYear + 1}"));
            Require(await publications.OpenCorrectionAsync(administrator, CorrectionYear, "Đính chính số liệu (benchmark)"));
        }

        await SettleAsync(Database);
    }

    /// <summary>Adds (once) the year <see cref="DraftYear"/>.</summary>
    public async Task DraftYearAsync()
    {
        using (var scope = Services.CreateScope())
        {
            if (await scope.ServiceProvider.GetRequiredService<ParIndexDbContext>().Years.AnyAsync(y => y.Year == DraftYear))
            {
                return;
            }
        }

        await SeedYearAsync(Services, DraftYear, new NationalData(2022), await NationalUnitsAsync(), phasesOpen: true);
        await Services.CreateScope().ServiceProvider.GetRequiredService<ResultsService>().RecomputeAsync(DraftYear);
        await SettleAsync(Database);
    }

    private async Task<List<Unit>> NationalUnitsAsync()
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ParIndexDbContext>().Units.Include(u => u.Bloc)
            .Where(u => u.Code.StartsWith("U")).OrderBy(u => u.Code).ToListAsync();
    }

    /// <summary>A stored account as the services' actor.</summary>
    public async Task<Actor> ActorAsync(string userName, string role)
    {
        using var scope = Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ParIndexDbContext>().Users
            .Where(u => u.UserName == userName).Select(u => new Actor(u.Id, u.UserName!, role, null)).SingleAsync();
    }

    private static async Task<ResultsBenchData> CreateAsync()
    {
        var server = Environment.GetEnvironmentVariable("PARINDEX_BENCH_DATABASE")
            ?? throw new InvalidOperationException("Set PARINDEX_BENCH_DATABASE (see docs/benchmarks.md).");
        var database = new NpgsqlConnectionStringBuilder(server) { Database = "parindex_bench_results" }.ConnectionString;
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning).AddFilter("Microsoft.EntityFrameworkCore", LogLevel.None))
            .AddParIndexCore(database)
            .BuildServiceProvider();
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();

            // PARINDEX_BENCH_REUSE=1 (while working on a benchmark, never for recorded figures): keep a store an
            // earlier run finished seeding instead of spending four minutes on a new one.
            if (Environment.GetEnvironmentVariable("PARINDEX_BENCH_REUSE") == "1")
            {
                await using var seeded = new NpgsqlCommand(
                    "SELECT shobj_description(oid, 'pg_database') = 'seeded' FROM pg_database WHERE datname = 'parindex_bench_results'", admin);
                if (await seeded.ExecuteScalarAsync() is true)
                {
                    return new ResultsBenchData(services, await PrintHost.StartAsync(database), database);
                }
            }

            await using var drop = new NpgsqlCommand("DROP DATABASE IF EXISTS parindex_bench_results WITH (FORCE); CREATE DATABASE parindex_bench_results", admin);
            await drop.ExecuteNonQueryAsync();
        }

        await DatabaseMigrator.MigrateAsync(services);

        var units = await SeedUnitsAsync(services);
        foreach (var (year, seed) in new[] { (Year - 1, 2024), (Year, 2026) })
        {
            await SeedYearAsync(services, year, new NationalData(seed), units);
            await services.CreateScope().ServiceProvider.GetRequiredService<ResultsService>().RecomputeAsync(year);
        }

        var secretary = await AccountAsync(services, "thuky", Roles.Secretary);
        var administrator = await AccountAsync(services, "quantri", Roles.Administrator);
        foreach (var year in new[] { Year - 1, Year })
        {
            var publications = services.CreateScope().ServiceProvider.GetRequiredService<PublicationService>();
            Require(await publications.ProposeAsync(secretary, year, null));
            Require(await publications.PublishAsync(administrator, year, $"{year}/QĐ-BNV", $"05/05/{year + 1}"));
        }

        await SettleAsync(database);
        await using (var admin = new NpgsqlConnection(server))
        {
            await admin.OpenAsync();
            await using var mark = new NpgsqlCommand("COMMENT ON DATABASE parindex_bench_results IS 'seeded'", admin);
            await mark.ExecuteNonQueryAsync();
        }

        return new ResultsBenchData(services, await PrintHost.StartAsync(database), database);
    }

    /// <summary>
    /// VACUUM ANALYZE of the whole store once its data is in: what autovacuum would have done by the time
    /// anyone reads it, done now rather than by a worker running beside the measured iterations.
    /// </summary>
    private static async Task SettleAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE", connection) { CommandTimeout = 600 };
        await vacuum.ExecuteNonQueryAsync();
    }

    private static void Require(Outcome outcome)
    {
        if (!outcome.Succeeded)
        {
            throw new InvalidOperationException(outcome.Message);
        }
    }

    private static async Task<Actor> AccountAsync(ServiceProvider services, string userName, string role)
    {
        using var scope = services.CreateScope();
        Require(await scope.ServiceProvider.GetRequiredService<AccountService>()
            .CreateAsync(null, new NewAccount(userName, userName, null, role, null, "ParIndex2026")));
        var id = await scope.ServiceProvider.GetRequiredService<ParIndexDbContext>().Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
        return new Actor(id, userName, role, null);
    }

    private static async Task<List<Unit>> SeedUnitsAsync(ServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        var shape = new NationalData();
        var blocs = Enumerable.Range(0, shape.BlocCount).Select(b => new Bloc
        {
            Code = $"B{b:00}",
            Name = b < NationalData.Provinces ? $"Khối xã, phường tỉnh {b + 1:00}" : b < 2 * NationalData.Provinces ? $"Khối sở, ngành tỉnh {b - NationalData.Provinces + 1:00}" : "Khối bộ, ngành",
            SortOrder = b,
        }).ToList();
        db.Blocs.AddRange(blocs);
        var units = Enumerable.Range(0, NationalData.Units).Select(u => new Unit
        {
            Code = shape.Keys[u], Name = $"Đơn vị hành chính số {u:0000}", Bloc = blocs[shape.Blocs[u]],
        }).ToList();
        db.Units.AddRange(units);
        await db.SaveChangesAsync();
        return units;
    }

    private static async Task SeedYearAsync(ServiceProvider services, int year, NationalData data, List<Unit> units, bool phasesOpen = false)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ParIndexDbContext>();
        var assessment = new AssessmentYear
        {
            Year = year, Title = $"Chỉ số CCHC năm {year}", CreatedAt = DateTimeOffset.UnixEpoch,
            Classes = [new IndexClassRow { Label = "A", MinimumIndex = 90m }, new IndexClassRow { Label = "B", MinimumIndex = 80m }],
        };
        if (phasesOpen)
        {
            var opened = new DateTimeOffset(2026, 1, 5, 1, 0, 0, TimeSpan.Zero);
            (assessment.SelfAssessmentOpens, assessment.FirstRoundOpens, assessment.ExplanationOpens, assessment.SecondRoundOpens, assessment.FinalisationOpens) =
                (opened, opened.AddDays(30), opened.AddDays(45), opened.AddDays(55), opened.AddDays(65));
        }

        db.Years.Add(assessment);
        await db.SaveChangesAsync();
        var version = StoredFramework.ToRows(assessment.Id, $"Bộ chỉ số {year}", data.Framework);
        db.Frameworks.Add(version);
        await db.SaveChangesAsync();
        var leafIds = version.Nodes.Where(n => n.RuleKind is not null).OrderBy(n => n.SortOrder).Select(n => n.Id).ToArray();
        db.YearUnits.AddRange(units.Select(u => new YearUnit
        {
            AssessmentYearId = assessment.Id, UnitId = u.Id, BlocId = u.Bloc!.Id, FrameworkId = version.Id, Status = UnitStatus.Final,
        }));
        await db.SaveChangesAsync();

        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await connection.OpenAsync();
        await data.CopyLeafScoresAsync(connection, assessment.Id, [.. units.Select(u => u.Id)], leafIds);

        // As autovacuum would have by the time anyone reads it: statistics, hint bits and the visibility map set.
        await using var vacuum = new NpgsqlCommand("VACUUM ANALYZE leaf_scores", connection);
        await vacuum.ExecuteNonQueryAsync();
    }
}
