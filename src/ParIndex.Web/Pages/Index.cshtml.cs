using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Assessments;
using ParIndex.Core.Data;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages;

/// <summary>
/// The ranking of a year per bloc (the latest year the reader may see unless one is asked for; also
/// at <c>/ket-qua/{year}</c>): the published version for everyone, the draft for those who oversee the
/// assessment. Filter by class; columns sort in the browser.
/// </summary>
[Authorize(Policy = Policies.Public)]
[Microsoft.AspNetCore.OutputCaching.OutputCache(PolicyName = PublishedPages.Policy)]
public sealed class IndexModel(ResultsReader reader, PublicationService publications, ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>Show the live draft instead of the published version (only for those who may read drafts).</summary>
    [BindProperty(SupportsGet = true)]
    public bool Draft { get; set; }

    /// <summary>A published version other than the latest.</summary>
    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    /// <summary>Only units of this class ("-" for units below every class).</summary>
    [BindProperty(SupportsGet = true, Name = "class")]
    public string? Class { get; set; }

    /// <summary>Only units whose name (or code) contains this, ignoring case and Vietnamese accents ("so tu phap" finds "Sở Tư pháp").</summary>
    [BindProperty(SupportsGet = true, Name = "q")]
    public string? Search { get; set; }

    /// <summary>The year asked for could not be read as a year.</summary>
    public bool InvalidYear { get; private set; }

    public YearRanking? Ranking { get; private set; }

    public IReadOnlyList<int> Years { get; private set; } = [];

    /// <summary>Every published version of the year, latest first.</summary>
    public IReadOnlyList<PublicationInfo> Versions { get; private set; } = [];

    /// <summary>The classes that occur in the year, best first (for the filter).</summary>
    public IReadOnlyList<string> Classes { get; private set; } = [];

    public bool MayReadDraft { get; private set; }

    /// <summary>The year's survey groups by code → name (for the responses' tooltip).</summary>
    public IReadOnlyDictionary<string, string> GroupNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>When nothing is shown: whether the year asked for exists at all.</summary>
    public bool YearExists { get; private set; }

    /// <summary>While a year is being assessed: how many of its units are final, of how many.</summary>
    public (int Final, int Total)? InProgress { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var actor = User.ToActorOrNull();
        MayReadDraft = ResultsReader.MayReadDraft(actor);
        Years = await reader.YearsAsync(actor, cancellationToken);
        if (Year is not null && !YearInput.TryParse(Year, out _))
        {
            InvalidYear = true;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        int? year = Year is not null && YearInput.TryParse(Year, out var asked) ? asked : Years.Count > 0 ? Years[0] : null;
        if (year is not { } y)
        {
            return Page();
        }

        Year = y.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Ranking = await reader.RankingAsync(actor, y, Draft, Version, cancellationToken);
        Versions = await publications.VersionsAsync(y, cancellationToken);
        if (Ranking is null)
        {
            YearExists = await db.Years.AnyAsync(a => a.Year == y, cancellationToken);
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        GroupNames = await db.SurveyGroups.Where(g => db.Years.Any(a => a.Id == g.AssessmentYearId && a.Year == y))
            .ToDictionaryAsync(g => g.Code, g => g.Name, cancellationToken);
        Classes = [.. Ranking.Blocs.SelectMany(b => b.Units).Where(u => u.Class is not null)
            .GroupBy(u => u.Class!).OrderByDescending(g => g.Max(u => u.Index)).Select(g => g.Key)];
        // Stored for the public only under a class the year has: the cache is not filled with made-up filters.
        if ((Ranking.Publication is not null || Ranking.FromPublishedTable)
            && (string.IsNullOrEmpty(Class) || Class == "-" || Classes.Contains(Class, StringComparer.Ordinal)))
        {
            PublishedPages.Mark(HttpContext);
        }
        if (Ranking.Publication is null && !Ranking.FromPublishedTable)
        {
            var units = await db.YearUnits.Where(u => u.FrameworkId != null && db.Years.Any(a => a.Id == u.AssessmentYearId && a.Year == y))
                .GroupBy(_ => 1).Select(g => new { Total = g.Count(), Final = g.Count(u => u.Status == UnitStatus.Final) })
                .SingleOrDefaultAsync(cancellationToken);
            InProgress = units is { } c && c.Final < c.Total ? (c.Final, c.Total) : null;
        }

        return Page();
    }

    /// <summary>Whether a row passes the class filter and the search.</summary>
    public bool Shows(RankingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var classOk = string.IsNullOrEmpty(Class) || (Class == "-" ? row.Class is null : string.Equals(row.Class, Class, StringComparison.Ordinal));
        return classOk && (string.IsNullOrWhiteSpace(Search)
            || Folded(row.UnitName).Contains(Folded(Search), StringComparison.Ordinal)
            || row.UnitCode.Contains(Search.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Lower case without accents, đ as d: how people type a name on a phone.</summary>
    private static string Folded(string text)
    {
        var decomposed = text.Trim().ToLower(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")).Replace('đ', 'd').Normalize(System.Text.NormalizationForm.FormD);
        return new string([.. decomposed.Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)]);
    }
}
