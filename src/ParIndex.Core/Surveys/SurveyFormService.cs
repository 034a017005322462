using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using ParIndex.Core.Accounts;
using ParIndex.Core.Audit;
using ParIndex.Core.Data;
using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Surveys;

/// <summary>What the public form shows for a valid code.</summary>
/// <param name="Code">The invitation code.</param>
/// <param name="Year">The assessment year.</param>
/// <param name="UnitName">The unit asked about.</param>
/// <param name="GroupName">The respondent group.</param>
/// <param name="Questions">The group's questions, in order.</param>
/// <param name="Answers">The answers given so far, by question code (absent = not answered yet).</param>
/// <param name="Submitted">Whether the response was sent (the code is then spent).</param>
public sealed record SurveyForm(string Code, int Year, string UnitName, string GroupName, IReadOnlyList<SurveyQuestionRow> Questions,
    IReadOnlyDictionary<string, short> Answers, bool Submitted)
{
    /// <summary>The year's survey is closed (its results were proposed or published): the code takes no answer.</summary>
    public bool Closed { get; init; }
}

/// <summary>An invitation as listed for printing.</summary>
public sealed record InvitationRow(string Code, string UnitCode, string UnitName, string GroupCode, string GroupName, DateTimeOffset? SubmittedAt, bool Started);

/// <summary>
/// Invitation codes and the public form: one code, one response. Opening a code starts a response;
/// each answer is saved as it is given (so a dropped connection loses nothing and the respondent can
/// come back with the same code); the response counts once submitted, and the code is then spent.
/// </summary>
public sealed class SurveyFormService(ParIndexDbContext db, AuditLog audit, TimeProvider clock)
{
    /// <summary>Letters and digits that cannot be mistaken for each other when typed from paper.</summary>
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    /// <summary>Codes have this many characters (32⁸ ≈ 10¹²: not guessable at the form's rate limit).</summary>
    public const int CodeLength = 8;

    /// <summary>Creates <paramref name="count"/> (1-2,000) codes for a unit and group of a year.</summary>
    public async Task<Outcome> CreateInvitationsAsync(Actor? actor, int year, string unitCode, string groupCode, int count,
        CancellationToken cancellationToken = default)
    {
        var assessment = await db.Years.SingleOrDefaultAsync(y => y.Year == year, cancellationToken);
        if (assessment is null)
        {
            return Outcome.NotFound(Messages.Get("YearNotFound", year));
        }

        var unit = await db.YearUnits.Include(u => u.Unit).SingleOrDefaultAsync(u => u.AssessmentYearId == assessment.Id && u.Unit!.Code == unitCode, cancellationToken);
        var group = await db.SurveyGroups.SingleOrDefaultAsync(g => g.AssessmentYearId == assessment.Id && g.Code == groupCode, cancellationToken);
        var problems = new List<FieldProblem>();
        if (unit is null)
        {
            problems.Add(new("unit", Messages.Get("SurveyUnitUnknown", unitCode, year)));
        }

        if (group is null)
        {
            problems.Add(new("group", Messages.Get("SurveyGroupUnknown", groupCode)));
        }
        else if (!await db.SurveyQuestions.AnyAsync(q => q.GroupId == group.Id, cancellationToken))
        {
            problems.Add(new("group", Messages.Get("SurveyGroupNoQuestions", groupCode)));
        }

        if (count is < 1 or > 2000)
        {
            problems.Add(new("count", Messages.Get("SurveyInvitationCount")));
        }

        if (problems.Count > 0)
        {
            return Outcome.Invalid(problems);
        }

        var now = clock.GetUtcNow();
        var codes = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var code = RandomNumberGenerator.GetString(Alphabet, CodeLength);
            codes.Add(code);
            db.SurveyInvitations.Add(new SurveyInvitation
            {
                AssessmentYearId = assessment.Id, UnitId = unit!.UnitId, GroupId = group!.Id, Code = code, CreatedAt = now,
            });
        }

        audit.Record(actor, AuditSubjects.Survey, null, $"{count} invitations {unitCode}/{groupCode}", null, assessment.Id, unit!.UnitId);
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok(codes);
    }

    /// <summary>The invitations of a year, optionally of one unit and/or group, for the printable list.</summary>
    public async Task<IReadOnlyList<InvitationRow>> InvitationsAsync(int year, string? unitCode, string? groupCode, CancellationToken cancellationToken = default)
    {
        var query =
            from i in db.SurveyInvitations.AsNoTracking()
            join y in db.Years on i.AssessmentYearId equals y.Id
            join u in db.Units on i.UnitId equals u.Id
            join g in db.SurveyGroups on i.GroupId equals g.Id
            where y.Year == year && (unitCode == null || u.Code == unitCode) && (groupCode == null || g.Code == groupCode)
            orderby u.Code, g.SortOrder, i.Id
            select new InvitationRow(i.Code, u.Code, u.Name, g.Code, g.Name, i.SubmittedAt, i.RespondentId != null);
        return await query.ToListAsync(cancellationToken);
    }

    /// <summary>Opens the form for a code (starting the response on first use); null when the code is unknown.</summary>
    public async Task<SurveyForm?> OpenAsync(string? code, CancellationToken cancellationToken = default)
    {
        var invitation = await FindAsync(code, cancellationToken);
        if (invitation is null)
        {
            return null;
        }

        var setup = await SetupOfAsync(invitation, cancellationToken);
        var closed = setup.Year.ResultsLocked;
        var respondent = await RespondentAsync(invitation, setup, create: invitation.SubmittedAt is null && !closed, cancellationToken);
        var questions = setup.QuestionsOf(invitation.GroupId).ToList();
        var answers = respondent is null
            ? new Dictionary<string, short>()
            : questions.Where(q => q.Position < respondent.Answers.Length && Answered(respondent, q))
                .ToDictionary(q => q.Code, q => respondent.Answers[q.Position], StringComparer.Ordinal);
        var unit = await db.Units.AsNoTracking().SingleAsync(u => u.Id == invitation.UnitId, cancellationToken);
        return new SurveyForm(invitation.Code, setup.Year.Year, unit.Name, setup.GroupsById[invitation.GroupId].Name, questions, answers,
            invitation.SubmittedAt is not null)
        {
            Closed = closed,
        };
    }

    /// <summary>
    /// Saves one answer (<see cref="SurveyQuestion.DontKnow"/> for "don't know") under a code not yet spent.
    /// Refused for an unknown or spent code, a question of another group, or a value the question does not take.
    /// </summary>
    public async Task<Outcome> AnswerAsync(string? code, string questionCode, short value, CancellationToken cancellationToken = default)
    {
        var invitation = await FindAsync(code, cancellationToken);
        if (invitation is null)
        {
            return Outcome.NotFound(Messages.Get("SurveyCodeUnknown"));
        }

        if (invitation.SubmittedAt is not null)
        {
            return Outcome.Invalid("code", Messages.Get("SurveyCodeUsed"));
        }

        var setup = await SetupOfAsync(invitation, cancellationToken);
        if (setup.Year.ResultsLocked)
        {
            return Outcome.Invalid("code", Messages.Get("SurveyYearClosed", setup.Year.Year));
        }

        var question = setup.QuestionsOf(invitation.GroupId).SingleOrDefault(q => q.Code == questionCode);
        if (question is null)
        {
            return Outcome.Invalid("question", Messages.Get("SurveyQuestionUnknown", questionCode));
        }

        var allowed = value == SurveyQuestion.DontKnow ? question.AllowsDontKnow : value >= question.Lowest && value <= question.Highest;
        if (!allowed)
        {
            return Outcome.Invalid(question.Code, Messages.Get("SurveyAnswerInvalid", value, question.Code, $"{question.Lowest}..{question.Highest}"));
        }

        var respondent = (await RespondentAsync(invitation, setup, create: true, cancellationToken))!;
        var answers = respondent.Answers.Length >= setup.Width ? respondent.Answers.ToArray() : Widen(respondent.Answers, setup.Width);
        answers[question.Position] = value;
        respondent.Answers = answers;
        respondent.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    /// <summary>Sends the response: it counts from now on and the code is spent. Needs at least one answer.</summary>
    public async Task<Outcome> SubmitAsync(string? code, CancellationToken cancellationToken = default)
    {
        var invitation = await FindAsync(code, cancellationToken);
        if (invitation is null)
        {
            return Outcome.NotFound(Messages.Get("SurveyCodeUnknown"));
        }

        if (invitation.SubmittedAt is not null)
        {
            return Outcome.Invalid("code", Messages.Get("SurveyCodeUsed"));
        }

        if (await db.Years.AnyAsync(y => y.Id == invitation.AssessmentYearId && y.ResultsLocked, cancellationToken))
        {
            return Outcome.Invalid("code", Messages.Get("SurveyClosed"));
        }

        var respondent = invitation.RespondentId is { } id ? await db.SurveyRespondents.SingleOrDefaultAsync(r => r.Id == id, cancellationToken) : null;
        if (respondent is null || !respondent.Answers.Any(SurveyQuestion.IsGiven))
        {
            return Outcome.Invalid("answers", Messages.Get("SurveyNothingAnswered"));
        }

        var now = clock.GetUtcNow();
        // First the mark, then the answers: a crash between leaves a mark with nothing new, never new answers unmarked.
        await SurveyScoringService.MarkStaleAsync(db, invitation.AssessmentYearId, now, cancellationToken);
        respondent.SubmittedAt = now;
        respondent.UpdatedAt = now;
        invitation.SubmittedAt = now;
        await db.SaveChangesAsync(cancellationToken);
        return Outcome.Ok();
    }

    private async Task<SurveyInvitation?> FindAsync(string? code, CancellationToken cancellationToken)
    {
        var normal = (code ?? "").Trim().ToUpperInvariant();
        return normal.Length != CodeLength || normal.Any(c => !Alphabet.Contains(c, StringComparison.Ordinal))
            ? null
            : await db.SurveyInvitations.SingleOrDefaultAsync(i => i.Code == normal, cancellationToken);
    }

    private async Task<SurveySetup> SetupOfAsync(SurveyInvitation invitation, CancellationToken cancellationToken)
    {
        var year = await db.Years.AsNoTracking().Where(y => y.Id == invitation.AssessmentYearId).Select(y => y.Year).SingleAsync(cancellationToken);
        return (await SurveySetup.LoadAsync(db, year, cancellationToken))!;
    }

    private async Task<SurveyRespondent?> RespondentAsync(SurveyInvitation invitation, SurveySetup setup, bool create, CancellationToken cancellationToken)
    {
        if (invitation.RespondentId is { } id)
        {
            return await db.SurveyRespondents.SingleAsync(r => r.Id == id, cancellationToken);
        }

        if (!create)
        {
            return null;
        }

        var respondent = new SurveyRespondent
        {
            AssessmentYearId = invitation.AssessmentYearId,
            UnitId = invitation.UnitId,
            GroupId = invitation.GroupId,
            RespondentKey = "online:" + invitation.Code,
            Answers = setup.EmptyAnswers(),
            UpdatedAt = clock.GetUtcNow(),
        };
        db.SurveyRespondents.Add(respondent);
        await db.SaveChangesAsync(cancellationToken);
        invitation.RespondentId = respondent.Id;
        await db.SaveChangesAsync(cancellationToken);
        return respondent;
    }

    private static bool Answered(SurveyRespondent respondent, SurveyQuestionRow question) =>
        SurveyQuestion.IsGiven(respondent.Answers[question.Position]); // "don't know" is an answer given

    private static short[] Widen(short[] answers, int width)
    {
        var wider = new short[width];
        Array.Fill(wider, SurveyQuestion.NoAnswer);
        answers.CopyTo(wider, 0);
        return wider;
    }
}
