using System.IO.Compression;
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
/// zip of PDFs (all under the ranking's reading rule: published versions for everyone, drafts for
/// staff; the zip for staff only), and the full detail as .xlsx (staff who oversee every unit). PDFs
/// are the app's own print pages printed by headless Chromium, rate-limited per address.
/// </summary>
public static class ExportsApi
{
    private const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IEndpointRouteBuilder MapExportsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/exports/{year}").WithTags("Exports");
        group.MapGet("/ranking.xlsx", RankingXlsxAsync).RequireAuthorization(Policies.Public).WithName("ExportRankingXlsx")
            .WithSummary("The ranking annex, one sheet per bloc");
        group.MapGet("/ranking.pdf", RankingPdfAsync).RequireAuthorization(Policies.Public).RequireRateLimiting(PdfOptions.RateLimitPolicy)
            .WithName("ExportRankingPdf")
            .WithSummary("The ranking annex as printed (PDF)");
        group.MapGet("/detail.xlsx", DetailXlsxAsync).RequireAuthorization(Policies.Overview).WithName("ExportDetailXlsx")
            .WithSummary("Every unit × every leaf: self-score, appraisal rounds, final and survey points");
        group.MapGet("/units/{code}.pdf", ScoreCardPdfAsync).RequireAuthorization(Policies.Public).RequireRateLimiting(PdfOptions.RateLimitPolicy)
            .WithName("ExportScoreCardPdf")
            .WithSummary("A unit's score card (PDF)");
        group.MapGet("/units/{code}/{paper}.pdf", PaperPdfAsync).RequireAuthorization(Policies.Reader).RequireRateLimiting(PdfOptions.RateLimitPolicy)
            .WithName("ExportUnitPaperPdf")
            .WithSummary("A unit's paper (bao-cao-tu-danh-gia, bien-ban-tham-dinh, tong-hop-giai-trinh) as PDF, for whoever may read the unit");
        // A bloc may have thousands of units (a second of Chromium each): staff only, and rate-limited.
        group.MapGet("/blocs/{bloc}/scorecards.zip", ScoreCardsZipAsync).RequireAuthorization(Policies.Overview)
            .RequireRateLimiting(PdfOptions.RateLimitPolicy).WithName("ExportScoreCardsZip")
            .WithSummary("Every score card of a bloc, one PDF each, in a zip");
        return routes;
    }

    private static async Task<IResult> RankingXlsxAsync(string year, bool? draft, int? version, ClaimsPrincipal user, ResultsReader reader,
        CancellationToken ct)
    {
        var (ranking, problem) = await RankingAsync(year, draft, version, user, reader, ct);
        if (ranking is null)
        {
            return problem!;
        }

        var file = TempFile();
        ExcelExports.WriteRankingAnnex(ranking, file);
        file.Position = 0;
        return TypedResults.File(file, Xlsx, $"phu-luc-xep-hang-{ranking.Year}{Suffix(ranking)}.xlsx");
    }

    private static async Task<IResult> RankingPdfAsync(string year, bool? draft, int? version, ClaimsPrincipal user, ResultsReader reader,
        PdfPrinter printer, CancellationToken ct)
    {
        var (ranking, problem) = await RankingAsync(year, draft, version, user, reader, ct);
        if (ranking is null)
        {
            return problem!;
        }

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

    private static async Task<IResult> ScoreCardPdfAsync(string year, string code, bool? draft, int? version, ClaimsPrincipal user,
        ResultsReader reader, PdfPrinter printer, CancellationToken ct)
    {
        var (ranking, problem) = await RankingAsync(year, draft, version, user, reader, ct);
        if (ranking is null)
        {
            return problem!;
        }

        if (ranking.Find(code) is not { } found)
        {
            return ErrorPage.Problem(StatusCodes.Status404NotFound, Messages.Get("UnitHasNoResult", code, ranking.Year));
        }

        return await PdfAsync(() => PrintCardAsync(printer, ranking, found.Line, user, ct),
            $"phieu-ket-qua-{ranking.Year}-{found.Line.UnitCode}{Suffix(ranking)}.pdf");
    }

    private static async Task<IResult> ScoreCardsZipAsync(string year, string bloc, bool? draft, int? version, ClaimsPrincipal user,
        ResultsReader reader, PdfPrinter printer, CancellationToken ct)
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

        var file = TempFile();
        try
        {
            using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
            {
                foreach (var line in view.Units)
                {
                    var pdf = await PrintCardAsync(printer, ranking, line, user, ct);
                    var entry = zip.CreateEntry($"{line.Rank:000}-{line.UnitCode}.pdf", CompressionLevel.Fastest);
                    await using var target = await entry.OpenAsync(ct);
                    await target.WriteAsync(pdf, ct);
                }
            }
        }
        catch (PrintUnavailableException e)
        {
            await file.DisposeAsync();
            return ErrorPage.Problem(StatusCodes.Status503ServiceUnavailable, e.Message);
        }

        file.Position = 0;
        return TypedResults.File(file, "application/zip", $"phieu-ket-qua-{ranking.Year}-{view.Code}{Suffix(ranking)}.zip");
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

    /// <summary>The query that reads the same version (or the draft) again.</summary>
    private static string Source(YearRanking ranking) => ranking.Publication is { } p ? $"version={p.Version}" : "draft=true";

    private static string Suffix(YearRanking ranking) => ranking.Publication is { } p ? $"-v{p.Version}" : ranking.FromPublishedTable ? "" : "-du-thao";

    private static FileStream TempFile() => new(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
        FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
