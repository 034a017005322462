using System.Globalization;
using ParIndex.Core.Audit;
using ParIndex.Scoring;
using ParIndex.Scoring.Rules;

namespace ParIndex.Core.Tests;

/// <summary>The trail's language-neutral values, as a Vietnamese (or English) reader sees them.</summary>
public sealed class AuditTextTests
{
    private static readonly Framework Tiered = Framework.Create("test", [
        new NodeDefinition("1", null, "Chỉ đạo"),
        new NodeDefinition("1.1", "1", "Kế hoạch"),
        new NodeDefinition("1.1.1", "1.1", "Ban hành kế hoạch", 1m, Component.Appraisal,
            new TieredRule([new Tier("Đúng hạn", 1m), new Tier("Chậm hạn", 0.5m), new Tier("Không ban hành", 0m)])),
    ]);

    [Theory]
    [InlineData(AuditSubjects.SelfScore, "0.5", "0,50")]
    [InlineData(AuditSubjects.SelfScore, "yes", "Có")]
    [InlineData(AuditSubjects.SelfScore, "n/a", "Không đánh giá")]
    [InlineData(AuditSubjects.SelfScore, "tier 2", "Chậm hạn (0,50)")]
    [InlineData(AuditSubjects.SelfScore, "183/1250", "183 / 1.250")]
    [InlineData(AuditSubjects.SelfScore, "count 3", "3 lần")]
    [InlineData(AuditSubjects.FirstRound, "accepted", "Chấp nhận")]
    [InlineData(AuditSubjects.FirstRound, "adjusted to 0.75", "Điều chỉnh thành 0,75")]
    [InlineData(AuditSubjects.SecondRound, "explanation accepted: tier 1", "Chấp nhận giải trình: Đúng hạn (1,00)")]
    [InlineData(AuditSubjects.Flag, "yes", "Có yêu cầu giải trình")]
    [InlineData(AuditSubjects.Status, "InAppraisal", "Đang thẩm định")]
    [InlineData(AuditSubjects.Deadline, "SelfAssessment: 2027-01-31 10:00 UTC", "Tự đánh giá: 31/01/2027 17:00")]
    [InlineData(AuditSubjects.SelfNote, "Kế hoạch số 12", "Kế hoạch số 12")]
    public void Vietnamese(string subject, string stored, string expected)
    {
        using var culture = new CultureScope("vi-VN");

        Assert.Equal(expected, AuditText.Describe(subject, stored, Tiered["1.1.1"]));
    }

    [Fact]
    public void NoValue_IsSaidAsNone_AndEnglishUsesItsOwnNumbers()
    {
        using (new CultureScope("vi-VN"))
        {
            Assert.Equal("(trống)", AuditText.Describe(AuditSubjects.SelfScore, null, null));
        }

        using (new CultureScope("en"))
        {
            Assert.Equal("Adjusted to 0.75", AuditText.Describe(AuditSubjects.FirstRound, "adjusted to 0.75", null));
            Assert.Equal("183 / 1,250", AuditText.Describe(AuditSubjects.SelfScore, "183/1250", null));
        }
    }

    private sealed class CultureScope : IDisposable
    {
        private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
        private readonly CultureInfo _ui = CultureInfo.CurrentUICulture;

        public CultureScope(string name)
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
        }

        public void Dispose()
        {
            CultureInfo.CurrentCulture = _culture;
            CultureInfo.CurrentUICulture = _ui;
        }
    }
}
