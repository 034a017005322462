using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core.Publishing;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Results;

/// <summary>
/// The ranking annex laid out like the annex of a decision (issuer, national motto, title, "kèm theo
/// Quyết định …", one table per bloc): the page the annex PDF is printed from. Same reading rule as the ranking.
/// </summary>
[Authorize(Policy = Policies.Public)]
public sealed class AnnexModel(ResultsReader reader, IConfiguration configuration) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    [BindProperty(SupportsGet = true)]
    public bool Draft { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Version { get; set; }

    public YearRanking? Ranking { get; private set; }

    /// <summary>The issuing authority's province as printed ("TỈNH …"), from ParIndex:Province.</summary>
    public string Province { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        ViewData["Print"] = true;
        Ranking = YearInput.TryParse(Year, out var year) ? await reader.RankingAsync(User.ToActorOrNull(), year, Draft, Version, ct) : null;
        if (Ranking is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Province = Shared.NationalHeader.Province(configuration, Ranking.IsDemo);
        return Page();
    }

    /// <summary>I, II, III… for the bloc sections.</summary>
    public static string Roman(int n) => n switch
    {
        <= 0 => "",
        >= 10 => "X" + Roman(n - 10),
        9 => "IX",
        >= 5 => "V" + Roman(n - 5),
        4 => "IV",
        _ => new string('I', n),
    };
}
