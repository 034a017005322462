using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ParIndex.Core;
using ParIndex.Core.Results;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Results;

/// <summary>
/// Importing an earlier year's published results table (before ParIndex was used), so rank changes
/// work from the first year: the same reader and store as <c>parindex rank</c> / <c>import-results</c>,
/// all or nothing, every problem listed with its line and column.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
[RequestSizeLimit(SurveyUpload.MaxTableBytes + 65536)]
public sealed class ImportModel(ResultsImportService imports) : PageModel
{
    [BindProperty]
    public string? Year { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public bool Replace { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken ct)
    {
        var problems = new List<string>();
        if (!YearInput.TryParse(Year ?? "", out var year))
        {
            problems.Add(Messages.Get("ImportYearInvalid", Year));
        }

        var (content, problem) = await SurveyUpload.ReadAsync(file, SurveyUpload.MaxTableBytes, "ResultsFileRequired", ct);
        if (problem is not null)
        {
            problems.Add(problem);
        }

        if (problems.Count == 0)
        {
            var table = ResultsTable.Read(content!, file!.FileName);
            if (!table.IsValid)
            {
                problems.AddRange(table.Errors.Select(e => e.ToString()));
            }
            else
            {
                var outcome = await imports.ImportAsync(new ResultsImportRequest(year, Title, Replace), table.Rows, ct);
                if (outcome.Succeeded)
                {
                    TempData["Message"] = Messages.Get("ResultsImported", outcome.Results, year, outcome.BlocsCreated, outcome.UnitsCreated);
                    return Redirect($"/?year={year}");
                }

                problems.AddRange(outcome.Errors);
            }
        }

        Problems = problems;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }
}
