using System.Security.Claims;
using ParIndex.Core;
using ParIndex.Core.Publishing;
using ParIndex.Core.Reports;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;
using ParIndex.Web.Infrastructure.Printing;

namespace ParIndex.Web.Features.Exports;

/// <summary>
/// Files: the ranking annex as .xlsx and as PDF, a unit's score card as PDF, a bloc's score cards as a
/// zip of PDFs made in the background (all under the ranking's reading rule: published versions for
/// everyone, drafts for staff; the zip for staff only), and the full detail as .xlsx (staff who
/// oversee every unit). PDFs are the app's own print pages printed by headless Chromium,
/// rate-limited per address.
/// </summary>
public static class ExportsApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/exports/{year}").WithTags("Exports");
        // The published annex and cards are files of a version that never changes: kept like its pages (ADR 0016).
        group.MapGet("/ranking.xlsx", RankingXlsxAsync).RequireAuthorization(Policies.Public).CacheOutput(PublishedPages.Policy).WithName("ExportRankingXlsx")
            .WithSummary("The ranking annex, one sheet per bloc");
        group.MapGet("/ranking.pdf", RankingPdfAsync).RequireAuthorization(Policies.Public).CacheOutput(PublishedPages.Policy)
            .RequireRateLimiting(PdfOptions.RateLimitPolicy)
            .WithName("ExportRankingPdf")
            .WithSummary("The ranking annex as printed (PDF)");
        group.MapGet("/detail.xlsx", DetailXlsxAsync).RequireAuthorization(Policies.Overview).WithName("ExportDetailXlsx")
            .WithSummary("Every unit × every leaf: self-score, appraisal rounds, final and survey points");
        group.MapGet("/units/{code}.pdf", ScoreCardPdfAsync).RequireAuthorization(Policies.Public).CacheOutput(PublishedPages.Policy)
            .RequireRateLimiting(PdfOptions.RateLimitPolicy)
            .WithName("ExportScoreCardPdf")
            .WithSummary("A unit's score card (PDF)");
        group.MapGet("/units/{code}/{paper}.pdf", PaperPdfAsync).RequireAuthorization(Policies.Reader).RequireRateLimiting(PdfOptions.RateLimitPolicy)
            .WithName("ExportUnitPaperPdf")
            .WithSummary("A unit's paper (bao-cao-tu-danh-gia, bien-ban-tham-dinh, tong-hop-giai-trinh) as PDF, for whoever may read the unit");
        // A bloc may have thousands of units: its cards are made in the background (ScoreCardJobs), for staff only.
        group.MapGet("/blocs/{bloc}/scorecards.zip", BlocCardsPage).RequireAuthorization(Policies.Overview).WithName("ExportScoreCardsZip")
            .WithSummary("Where a bloc's score cards are made: redirects to the page that makes the zip and shows its progress");
        routes.MapPost("/api/years/{year}/blocs/{bloc}/scorecards", StartCardsAsync).RequireAuthorization(Policies.Overview).WithTags("Exports")
            .WithName("StartScoreCardsJob")
            .WithSummary("Starts making a bloc's score cards (one PDF each, in a zip) in the background: 202 with the job (or the job under way or done; again=true makes a finished one again)");
        routes.MapGet("/api/exports/jobs/{id}", JobStatus).RequireAuthorization(Policies.Overview).WithTags("Exports").WithName("ScoreCardsJob")
            .WithSummary("How far a job of score cards is (only for the account that started it)");
        routes.MapPost("/api/exports/jobs/{id}/cancel", CancelJobAsync).RequireAuthorization(Policies.Overview).WithTags("Exports").WithName("CancelScoreCardsJob")
            .WithSummary("Stops a job of score cards under way");
        routes.MapGet("/exports/jobs/{id}/{name}", JobFile).RequireAuthorization(Policies.Overview).WithTags("Exports").WithName("ScoreCardsJobFile")
            .WithSummary("The finished zip of a job (only for the account that started it, for two hours)");
        return routes;
    }

    private static async Task<IResult> RankingXlsxAsync(string year, bool? draft, int? version, HttpContext http, ResultsReader reader,
        CancellationToken ct)
    {
        var (ranking, problem) = await RankingAsync(year, draft, version, http.User, reader, ct);
        if (ranking is null)
        {
            return problem!;
        }

        MarkPublished(http, ranking);
        var file = TempFile();
        ExcelExports.WriteRankingAnnex(ranking, file);
        file.Position = 0;
        return TypedResults.File(file, Xlsx, $"phu-luc-xep-hang-{ranking.Year}{Suffix(ranking)}.xlsx");
    }

    private static async Task<IResult> RankingPdfAsync(string year, bool? draft, int? version, HttpContext http, ResultsReader reader,
        PdfPrinter printer, CancellationToken ct)
    {
        var user = http.User;
        var (ranking, problem) = await RankingAsync(year, draft, version, user, reader, ct);
        if (ranking is null)
        {
            return problem!;
        }

        MarkPublished(http, ranking);
        return await PdfAsync(() => printer.PrintAsync($"/print/{ranking.Year}/ranking?{Source(ranking)}", user,
                new PrintLayout(Display.Decision(ranking.Publication) ?? Messages.Get("AnnexDraft"), Landscape: true), ct),
            $"phu-luc-xep-hang-{ranking.Year}{Suffix(ranking)}.pdf");
    }

    private static async Task<IResult> DetailXlsxAsync(string year, ExcelExports exports, CancellationToken ct)
    {
        if (!YearInput.TryParse(year, out var number))
        {
            return ErrorPage.Problem(StatusCodes.Status400BadRequest, Messages.Get("NotAYear", year));
        }

        var file = TempFile();
        if (await exports.WriteDetailAsync(number, file, ct) < 0)
        {
            await file.DisposeAsync();
            return ErrorPage.Problem(StatusCodes.Status404NotFound, Messages.Get("YearNotFound", number));
        }

        file.Position = 0;
        return TypedResults.File(file, Xlsx, $"chi-tiet-{number}.xlsx");
    }

    private static async Task<IResult> ScoreCardPdfAsync(string year, string code, bool? draft, int? version, HttpContext http,
        ResultsReader reader, PdfPrinter printer, CancellationToken ct)
    {
        var user = http.User;
        var (ranking, problem) = await RankingAsync(year, draft, version, user, reader, ct);
        if (ranking is null)
        {
            return problem!;
        }

        if (ranking.Find(code) is not { } found)
        {
            return ErrorPage.Problem(StatusCodes.Status404NotFound, Messages.Get("UnitHasNoResult", code, ranking.Year));
        }

        MarkPublished(http, ranking);
        return await PdfAsync(() => PrintCardAsync(printer, ranking, found.Line, user, ct),
            $"phieu-ket-qua-{ranking.Year}-{found.Line.UnitCode}{Suffix(ranking)}.pdf");
    }

    private static IResult BlocCardsPage(string year, string bloc, bool? draft, int? version) =>
        TypedResults.Redirect($"/blocs/{Uri.EscapeDataString(bloc)}/scorecards?year={Uri.EscapeDataString(year)}" +
            (version is { } v ? $"&version={v}" : draft == true ? "&draft=true" : ""));

    private static async Task<IResult> StartCardsAsync(string year, string bloc, bool? draft, int? version, bool? again, ClaimsPrincipal user,
        ResultsReader reader, ScoreCardJobs jobs, TimeProvider clock, CancellationToken ct)
    {
        var (ranking, problem) = await RankingAsync(year, draft, version, user, reader, ct);
        if (ranking is null)
        {
            return problem!;
        }

        var view = ranking.Blocs.FirstOrDefault(b => string.Equals(b.Code, bloc, StringComparison.OrdinalIgnoreCase));
        if (view is null)
        {
            return ErrorPage.Problem(StatusCodes.Status404NotFound, Messages.Get("BlocNotInYear", bloc, ranking.Year));
        }

        var started = jobs.Start(user, ranking, view, again == true);
        if (!started.Succeeded)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, detail: started.Message);
        }

        var job = (ScoreCardJob)started.Value!;
        return TypedResults.Accepted($"/api/exports/jobs/{job.Id}", JobView.Of(job, jobs, clock));
    }

    private static IResult JobStatus(string id, ClaimsPrincipal user, ScoreCardJobs jobs, TimeProvider clock) =>
        jobs.Find(user, id) is { } job
            ? TypedResults.Ok(JobView.Of(job, jobs, clock))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: Messages.Get("CardJobUnknown"));

    private static async Task<IResult> CancelJobAsync(string id, ClaimsPrincipal user, ScoreCardJobs jobs, TimeProvider clock)
    {
        if (jobs.Find(user, id) is not { } job)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: Messages.Get("CardJobUnknown"));
        }

        await jobs.CancelAsync(job);
        return TypedResults.Ok(JobView.Of(job, jobs, clock));
    }

    private static IResult JobFile(string id, string name, ClaimsPrincipal user, ScoreCardJobs jobs)
    {
        if (jobs.Find(user, id) is not { } job || name != job.FileName)
        {
            return ErrorPage.Problem(StatusCodes.Status404NotFound, Messages.Get("CardJobUnknown"));
        }

        return jobs.Open(job) is { } file
            ? TypedResults.File(file, "application/zip", job.FileName)
            : ErrorPage.Problem(StatusCodes.Status409Conflict, Messages.Get("CardJobNotReady", job.Printed, job.Total));
    }

    private static async Task<IResult> PaperPdfAsync(string year, string code, string paper, ClaimsPrincipal user, Core.Assessments.AssessmentService assessments,
        PdfPrinter printer, CancellationToken ct)
    {
        if (!YearInput.TryParse(year, out var number))
        {
            return ErrorPage.Problem(StatusCodes.Status400BadRequest, Messages.Get("NotAYear", year));
        }

        if (!Pages.Years.PaperModel.Papers.Contains(paper))
        {
            return ErrorPage.Problem(StatusCodes.Status404NotFound, Messages.Get("PaperUnknown", paper));
        }

        var sheet = await assessments.SheetAsync(user.ToActor(), number, code, ct);
        if (!sheet.Succeeded)
        {
            return ErrorPage.Problem(sheet.Kind == OutcomeKind.Forbidden ? StatusCodes.Status403Forbidden : StatusCodes.Status404NotFound, sheet.Message);
        }

        var unit = (Core.Assessments.UnitSheet)sheet.Value!;
        return await PdfAsync(() => printer.PrintAsync($"/print/{number}/units/{Uri.EscapeDataString(unit.UnitCode)}/{paper}", user,
                new PrintLayout($"{unit.UnitName} — {number}", Landscape: true), ct),
            $"{paper}-{number}-{unit.UnitCode}.pdf");
    }

    private static Task<byte[]> PrintCardAsync(PdfPrinter printer, YearRanking ranking, RankingRow line, ClaimsPrincipal user, CancellationToken ct) =>
        printer.PrintAsync($"/units/{Uri.EscapeDataString(line.UnitCode)}?year={ranking.Year}&print=true&{Source(ranking)}", user,
            new PrintLayout($"{line.UnitName} — {ranking.Year}" + (Display.Decision(ranking.Publication) is { } d ? $" — {d}" : ""), Landscape: false), ct);

    private static async Task<IResult> PdfAsync(Func<Task<byte[]>> print, string name)
    {
        try
        {
            return TypedResults.File(await print(), "application/pdf", name);
        }
        catch (PrintUnavailableException e)
        {
            return ErrorPage.Problem(StatusCodes.Status503ServiceUnavailable, e.Message);
        }
    }

    private static async Task<(YearRanking? Ranking, IResult? Problem)> RankingAsync(string year, bool? draft, int? version, ClaimsPrincipal user,
        ResultsReader reader, CancellationToken ct)
    {
        if (!YearInput.TryParse(year, out var number))
        {
            return (null, ErrorPage.Problem(StatusCodes.Status400BadRequest, Messages.Get("NotAYear", year)));
        }

        var ranking = await reader.RankingAsync(user.ToActorOrNull(), number, draft == true, version, ct);
        return ranking is null
            ? (null, ErrorPage.Problem(StatusCodes.Status404NotFound, Messages.Get("NothingToExport", number)))
            : (ranking, null);
    }

    /// <summary>A file of a published version (or of a year imported from its published table) may be kept for the public.</summary>
    private static void MarkPublished(HttpContext http, YearRanking ranking)
    {
        if (ranking.Publication is not null || ranking.FromPublishedTable)
        {
            PublishedPages.Mark(http);
        }
    }

    /// <summary>The query that reads the same version (or the draft) again.</summary>
    private static string Source(YearRanking ranking) => ranking.Publication is { } p ? $"version={p.Version}" : "draft=true";

    private static string Suffix(YearRanking ranking) => ranking.Publication is { } p ? $"-v{p.Version}" : ranking.FromPublishedTable ? "" : "-du-thao";

    private static FileStream TempFile() => new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}

/// <summary>A job of score cards as the API shows it.</summary>
/// <param name="Id">The job's address.</param>
/// <param name="State">queued, running, done, failed or cancelled.</param>
/// <param name="Year">The year.</param>
/// <param name="Bloc">The bloc's code.</param>
/// <param name="Version">The published version printed (null: the draft).</param>
/// <param name="Total">Cards in the zip.</param>
/// <param name="Printed">Cards printed so far.</param>
/// <param name="Ahead">Jobs before it in the queue.</param>
/// <param name="RemainingSeconds">Estimated time left, at the pace so far.</param>
/// <param name="Status">The state in words, as the page shows it.</param>
/// <param name="Error">Why it failed.</param>
/// <param name="FileUrl">The download, once done.</param>
/// <param name="Size">The zip's size in bytes, once done.</param>
/// <param name="ExpiresAt">When the file is deleted.</param>
public sealed record JobView(string Id, string State, int Year, string Bloc, int? Version, int Total, int Printed, int Ahead, int? RemainingSeconds,
    string Status, string? Error, string? FileUrl, long? Size, DateTimeOffset? ExpiresAt)
{
    internal static JobView Of(ScoreCardJob job, ScoreCardJobs jobs, TimeProvider clock)
    {
        var remaining = job.Remaining(clock.GetUtcNow());
        var ahead = job.State == CardJobState.Queued ? jobs.Ahead(job) : 0;
        var status = job.State switch
        {
            CardJobState.Queued => Messages.Get("CardJobQueuedStatus", ahead),
            CardJobState.Running => Messages.Get("CardJobRunningStatus", Display.Count(job.Printed), Display.Count(job.Total))
                + (remaining is { } left ? " · " + Messages.Get("CardJobRemainingStatus", Display.Wait(left)) : ""),
            CardJobState.Done => Messages.Get("CardJobDoneStatus", Display.Count(job.Total)),
            CardJobState.Failed => job.Error ?? "",
            _ => job.Error ?? Messages.Get("CardJobCancelledStatus", Display.Count(job.Printed), Display.Count(job.Total)),
        };
        return new JobView(job.Id, job.State.ToString().ToLowerInvariant(), job.Year, job.BlocCode, job.Version, job.Total, job.Printed,
            ahead, remaining is { } r ? (int)Math.Ceiling(r.TotalSeconds) : null, status, job.Error,
            job.State == CardJobState.Done ? $"/exports/jobs/{job.Id}/{job.FileName}" : null, job.Size, job.ExpiresAt);
    }
}
