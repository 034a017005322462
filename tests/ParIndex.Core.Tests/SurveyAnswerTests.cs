using ParIndex.Core.Surveys;
using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Tests;

/// <summary>The import's quick reading of a plain number gives what the general reading of any written answer gives.</summary>
public sealed class SurveyAnswerTests
{
    public static TheoryData<QuestionKind, short, short> Questions => new()
    {
        { QuestionKind.Scale, 1, 5 }, { QuestionKind.Scale, 0, 10 }, { QuestionKind.YesNo, 0, 1 }, { QuestionKind.Choice, 0, 3 },
    };

    [Theory]
    [MemberData(nameof(Questions))]
    public void PlainNumbers_ReadAsTheGeneralPathReadsThem(QuestionKind kind, short lowest, short highest)
    {
        var question = new SurveyQuestionRow { Code = "Q1", Text = "Câu hỏi", LeafCode = "5.1", Kind = kind, Lowest = lowest, Highest = highest, AllowsDontKnow = true };
        var texts = Enumerable.Range(0, 10_000).Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Concat(["00", "01", "05", "0001", "10000", "99999", "1,0", "3.0", "kb", "Có", "không", "x"]);
        foreach (var text in texts)
        {
            Assert.True(SurveyImportService.AnswerOfText(question, text) == SurveyImportService.Answer(question, text), $"{kind} '{text}'");
        }

        Assert.Equal(kind == QuestionKind.YesNo ? (short)1 : kind == QuestionKind.Choice ? (short)0 : (short)1, SurveyImportService.Answer(question, "1"));
    }
}
