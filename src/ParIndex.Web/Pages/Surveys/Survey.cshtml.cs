using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core;
using ParIndex.Core.Accounts;
using ParIndex.Core.Data;
using ParIndex.Core.Surveys;
using ParIndex.Scoring.Surveys;
using ParIndex.Web.Infrastructure;

namespace ParIndex.Web.Pages.Surveys;

/// <summary>
/// A year's survey: groups and questionnaires with each question's leaf and weight, each survey
/// leaf's method, group weights and formula; importing responses (report of every bad row); the
/// imported files; rescoring. Administrators edit the questionnaire; administrators and the
/// secretary import and rescore; viewers read.
/// </summary>
[Authorize(Policy = Policies.Overview)]
[RequestSizeLimit(SurveyUpload.MaxBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = SurveyUpload.MaxBytes)]
public sealed class SurveyModel(SurveyAdminService admin, SurveyImportService imports, SurveyScoringService scoring, ParIndexDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Year { get; set; } = "";

    public SurveySetup? Setup { get; private set; }

    public IReadOnlyList<SurveyImport> Imports { get; private set; } = [];

    public int Submitted { get; private set; }

    public DateTimeOffset? ScoredAt { get; private set; }

    public IReadOnlyList<FieldProblem> Problems { get; private set; } = [];

    /// <summary>The refused form's typed values (shown again in that form only).</summary>
    public RefusedForm Refused { get; private set; } = RefusedForm.None;

    public SurveyImportOutcome? ImportOutcome { get; private set; }

    public bool CanEdit => User.IsInRole(Roles.Administrator);

    public bool CanImport => User.IsInRole(Roles.Administrator) || User.IsInRole(Roles.Secretary);

    private int YearNumber => YearInput.TryParse(Year, out var y) ? y : 0;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public Task<IActionResult> OnPostGroupAsync(string code, string name, CancellationToken ct) =>
        EditAsync(() => admin.AddGroupAsync(User.ToActor(), YearNumber, code, name, ct), ct);

    public Task<IActionResult> OnPostQuestionAsync(string group, string code, string text, string kind, string? lowest, string? highest,
        string? positiveFrom, string? labels, string? options, bool dontKnow, string leaf, string? weight, CancellationToken ct)
    {
        var problems = new List<FieldProblem>();
        decimal Number(string? value, string field, decimal fallback)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }

            if (FormInput.TryParseNumber(value, out var number))
            {
                return number;
            }

            problems.Add(new FieldProblem(field, Messages.Get("NotANumber", value)));
            return fallback;
        }

        var questionKind = kind switch { "yesno" => QuestionKind.YesNo, "choice" => QuestionKind.Choice, _ => QuestionKind.Scale };
        var labelList = Lines(labels);
        var optionPoints = new List<decimal>();
        if (questionKind == QuestionKind.Choice)
        {
            labelList = [];
            foreach (var line in Lines(options))
            {
                var bar = line.LastIndexOf('|');
                labelList.Add(bar < 0 ? line : line[..bar].Trim());
                optionPoints.Add(bar < 0 ? -1m : Number(line[(bar + 1)..], "options", -1m));
            }
        }

        int Whole(string? value, string field, int fallback)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }

            if (FormInput.TryParseWhole(value, out var whole))
            {
                return whole;
            }

            problems.Add(new FieldProblem(field, Messages.Get("NotAWholeNumber", value)));
            return fallback;
        }

        var spec = new QuestionSpec(group, code, text, questionKind, Whole(lowest, "lowest", 1), Whole(highest, "highest", 5),
            Number(positiveFrom, "positiveFrom", questionKind == QuestionKind.Scale ? 4m : 1m), labelList, optionPoints, dontKnow, leaf,
            Number(weight, "weight", 1m));
        return problems.Count > 0
            ? ShowProblemsAsync(problems, ct)
            : EditAsync(() => admin.AddQuestionAsync(User.ToActor(), YearNumber, spec, ct), ct);
    }

    public Task<IActionResult> OnPostRemoveAsync(string code, CancellationToken ct) =>
        EditAsync(() => admin.RemoveQuestionAsync(User.ToActor(), YearNumber, code, ct), ct);

    public Task<IActionResult> OnPostLeafAsync(string leaf, string method, string? reason, CancellationToken ct)
    {
        var weights = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var problems = new List<FieldProblem>();
        foreach (var (key, value) in Request.Form.Where(f => f.Key.StartsWith("weight.", StringComparison.Ordinal)))
        {
            var text = value.ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (FormInput.TryParseNumber(text, out var number))
            {
                weights[key["weight.".Length..]] = number;
            }
            else
            {
                problems.Add(new FieldProblem(key, Messages.Get("NotANumber", text)));
            }
        }

        var aggregation = method == "positive" ? AggregationMethod.PositiveShare : AggregationMethod.MeanScore;
        return problems.Count > 0
            ? ShowProblemsAsync(problems, ct)
            : EditAsync(() => admin.SetLeafAsync(User.ToActor(), YearNumber, leaf, aggregation, weights, reason, ct), ct);
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken ct)
    {
        if (!CanImport)
        {
            return Forbid();
        }

        var (content, problem) = SurveyUpload.Open(file);
        if (content is null)
        {
            return await ShowProblemsAsync([new FieldProblem("file", problem!)], ct);
        }

        await using var _ = content;

        ImportOutcome = await imports.ImportAsync(User.ToActor(), YearNumber, file!.FileName, content, score: true, ct);
        if (!ImportOutcome.Succeeded)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostScoreAsync(CancellationToken ct)
    {
        if (!CanImport)
        {
            return Forbid();
        }

        var report = await scoring.ScoreAsync(User.ToActor(), YearNumber, Messages.Get("SurveyRescored"), ct);
        if (report.Refusal is { } refusal)
        {
            TempData["Error"] = refusal;
            return Redirect($"/years/{YearNumber}/survey");
        }

        TempData["Message"] = Messages.Get("SurveyScoredSummary", report.Units, report.Respondents)
            + (report.Problems.Count > 0 ? " " + string.Join(" ", report.Problems) : "");
        return Redirect($"/years/{YearNumber}/survey");
    }

    private static List<string> Lines(string? text) =>
        [.. (text ?? "").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)];

    private async Task<IActionResult> EditAsync(Func<Task<Outcome>> action, CancellationToken ct)
    {
        if (!CanEdit)
        {
            return Forbid();
        }

        var outcome = await action();
        if (outcome.Succeeded)
        {
            TempData["Message"] = Messages.Get("UnitsSaved");
            return Redirect($"/years/{YearNumber}/survey");
        }

        return await ShowProblemsAsync(outcome.Problems, ct);
    }

    private async Task<IActionResult> ShowProblemsAsync(IReadOnlyList<FieldProblem> problems, CancellationToken ct)
    {
        Problems = problems;
        Refused = RefusedForm.Of(Request);
        var page = await LoadAsync(ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return page;
    }

    private async Task<IActionResult> LoadAsync(CancellationToken ct)
    {
        Setup = YearInput.TryParse(Year, out var year) ? await SurveySetup.LoadAsync(db, year, ct) : null;
        if (Setup is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        Imports = await db.SurveyImports.AsNoTracking().Where(i => i.AssessmentYearId == Setup.Year.Id).OrderByDescending(i => i.Id).ToListAsync(ct);
        Submitted = await db.SurveyRespondents.CountAsync(r => r.AssessmentYearId == Setup.Year.Id && r.SubmittedAt != null, ct);
        ScoredAt = await db.SurveyIntervals.Where(i => i.AssessmentYearId == Setup.Year.Id).MaxAsync(i => (DateTimeOffset?)i.ComputedAt, ct);
        return Page();
    }
}
