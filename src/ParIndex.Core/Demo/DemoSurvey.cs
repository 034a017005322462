using System.Globalization;
using System.Text;
using ParIndex.Core.Surveys;
using ParIndex.Scoring.Surveys;

namespace ParIndex.Core.Demo;

/// <summary>
/// The demo's survey: leaders and civil servants rate the twelve sociological-survey leaves (1-5,
/// "don't know" allowed); citizens and businesses answer a questionnaire in the SIPAS shape (access to
/// the service, the procedure, the civil servants, the result, handling of feedback, overall
/// satisfaction), scored as the share of satisfied answers. Responses are generated from each unit's
/// lasting quality, so units differ, deterministically.
/// </summary>
public static class DemoSurvey
{
    /// <summary>The respondent groups (code, name).</summary>
    public static IReadOnlyList<(string Code, string Name)> Groups { get; } =
    [
        ("lanhdao", "Lãnh đạo, quản lý"),
        ("congchuc", "Công chức, viên chức"),
        ("nguoidan", "Người dân"),
        ("doanhnghiep", "Doanh nghiệp"),
    ];

    private static readonly string[] Quality = ["Rất kém", "Kém", "Trung bình", "Tốt", "Rất tốt"];
    private static readonly string[] Satisfaction = ["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng"];

    private static readonly (string Leaf, string Text)[] Governance =
    [
        ("1.6.1", "Kế hoạch cải cách hành chính của đơn vị được ban hành kịp thời, sát thực tế"),
        ("1.6.2", "Người đứng đầu đơn vị quan tâm, chỉ đạo sát sao công tác cải cách hành chính"),
        ("2.5.1", "Văn bản quy phạm pháp luật thuộc lĩnh vực của đơn vị được ban hành kịp thời, đồng bộ"),
        ("2.5.2", "Văn bản quy phạm pháp luật của đơn vị khả thi, dễ thực hiện"),
        ("3.5.1", "Thủ tục hành chính của đơn vị đơn giản, dễ thực hiện"),
        ("3.5.2", "Thủ tục hành chính được công khai đầy đủ, đúng quy định"),
        ("4.4.1", "Chức năng, nhiệm vụ của đơn vị phù hợp với thực tế"),
        ("4.4.2", "Không có chồng chéo chức năng, nhiệm vụ giữa các bộ phận"),
        ("5.6.1", "Đội ngũ công chức có năng lực đáp ứng yêu cầu công việc"),
        ("5.6.2", "Công chức có tinh thần trách nhiệm trong thực thi công vụ"),
        ("6.4.1", "Tài chính công của đơn vị được công khai, minh bạch"),
        ("6.4.2", "Ngân sách được sử dụng hiệu quả, tiết kiệm"),
    ];

    private static readonly (string Leaf, string Text)[] Sipas =
    [
        ("8.3.1", "Anh/Chị đánh giá thế nào về việc tiếp cận dịch vụ (địa điểm, trang thiết bị, cổng dịch vụ công)?"),
        ("8.3.2", "Anh/Chị đánh giá thế nào về thủ tục hành chính (công khai, đúng quy định, thành phần hồ sơ)?"),
        ("8.3.3", "Anh/Chị đánh giá thế nào về công chức giải quyết hồ sơ (thái độ, hướng dẫn, tôn trọng)?"),
        ("8.3.4", "Anh/Chị đánh giá thế nào về kết quả giải quyết (đúng hạn, chính xác, đúng quy định)?"),
        ("8.3.5", "Anh/Chị đánh giá thế nào về việc tiếp nhận, xử lý góp ý, phản ánh, kiến nghị?"),
        ("8.3.6", "Nhìn chung, Anh/Chị hài lòng thế nào về dịch vụ đã sử dụng?"),
    ];

    /// <summary>The questions: group code, question.</summary>
    public static IReadOnlyList<QuestionSpec> Questions { get; } = Build();

    /// <summary>Survey leaves' methods and group weights (leaves not listed: mean score, equal weights).</summary>
    public static IReadOnlyList<(string Leaf, AggregationMethod Method, Dictionary<string, decimal> Weights)> Leaves { get; } =
    [
        .. Sipas.Select(s => (s.Leaf, AggregationMethod.PositiveShare, new Dictionary<string, decimal> { ["nguoidan"] = 2m, ["doanhnghiep"] = 1m })),
        ("5.6.1", AggregationMethod.MeanScore, new Dictionary<string, decimal> { ["lanhdao"] = 2m, ["congchuc"] = 1m }),
        ("5.6.2", AggregationMethod.MeanScore, new Dictionary<string, decimal> { ["lanhdao"] = 2m, ["congchuc"] = 1m }),
    ];

    private static List<QuestionSpec> Build()
    {
        var questions = new List<QuestionSpec>();
        foreach (var (prefix, group) in new[] { ("LD", "lanhdao"), ("CC", "congchuc") })
        {
            questions.AddRange(Governance.Select((g, i) => new QuestionSpec(group, $"{prefix}{i + 1}", g.Text, QuestionKind.Scale, 1, 5, 4m,
                Quality, [], AllowsDontKnow: true, g.Leaf)));
        }

        foreach (var (prefix, group) in new[] { ("ND", "nguoidan"), ("DN", "doanhnghiep") })
        {
            questions.AddRange(Sipas.Select((s, i) => new QuestionSpec(group, $"{prefix}{i + 1}", s.Text, QuestionKind.Scale, 1, 5, 4m,
                Satisfaction, [], AllowsDontKnow: false, s.Leaf)));
            questions.Add(new QuestionSpec(group, $"{prefix}7", "Công chức có hướng dẫn đầy đủ, một lần để Anh/Chị hoàn thiện hồ sơ không?",
                QuestionKind.YesNo, 0, 1, 1m, [], [], AllowsDontKnow: false, "8.3.3", 0.5m));
            questions.Add(new QuestionSpec(group, $"{prefix}8", "Góp ý, phản ánh của Anh/Chị (nếu có) được xử lý thế nào?",
                QuestionKind.Choice, 0, 2, 2m, ["Được tiếp nhận và trả lời thỏa đáng", "Được tiếp nhận nhưng chưa được trả lời", "Không được tiếp nhận"],
                [2m, 1m, 0m], AllowsDontKnow: true, "8.3.5", 0.5m));
        }

        return questions;
    }

    /// <summary>How many people each group stands for in a unit (for the sample planner), deterministic.</summary>
    public static int Population(string group, int unitIndex) => group switch
    {
        "lanhdao" => 30 + (unitIndex * 7 % 13),
        "congchuc" => 80 + (unitIndex * 37 % 90),
        "nguoidan" => 3_000 + (unitIndex * 977 % 12_000),
        _ => 300 + (unitIndex * 131 % 900),
    };

    /// <summary>
    /// A year's responses as a CSV file in the import format (header: mã đơn vị, nhóm, mã phiếu, then the
    /// question codes). Unit <paramref name="twin"/> answers exactly as unit <paramref name="twinOf"/>.
    /// </summary>
    public static byte[] ResponsesCsv(int year, IReadOnlyList<string> unitCodes, int twin, int twinOf)
    {
        var codes = Questions.Select(q => q.Code).ToList();
        var csv = new StringBuilder();
        csv.Append("mã đơn vị,nhóm,mã phiếu,").AppendJoin(',', codes).Append('\n');
        for (var u = 0; u < unitCodes.Count; u++)
        {
            var source = u == twin ? twinOf : u;
            var lasting = 0.55 + (new Random(7_919 + source).NextDouble() * 0.4);
            var random = new Random((year * 7_001) + source);
            var quality = Math.Clamp(lasting + ((random.NextDouble() - 0.5) * 0.1), 0.05, 0.98);
            foreach (var (group, _) in Groups)
            {
                var count = group switch { "lanhdao" => 10, "congchuc" => 40, "nguoidan" => 150, _ => 50 } + random.Next(0, 20);
                for (var r = 0; r < count; r++)
                {
                    csv.Append(unitCodes[u]).Append(',').Append(group).Append(',')
                        .Append(string.Create(CultureInfo.InvariantCulture, $"{year}-{unitCodes[u]}-{group}-{r + 1:000}"));
                    var personal = (random.NextDouble() - 0.5) * 0.3;
                    foreach (var question in Questions)
                    {
                        csv.Append(',');
                        if (question.Group == group)
                        {
                            csv.Append(Answer(question, Math.Clamp(quality + personal, 0.0, 1.0), random));
                        }
                    }

                    csv.Append('\n');
                }
            }
        }

        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private static string Answer(QuestionSpec question, double level, Random random)
    {
        if (question.AllowsDontKnow && random.Next(40) == 0)
        {
            return "KB";
        }

        var draw = level + ((random.NextDouble() - 0.5) * 0.45);
        return question.Kind switch
        {
            QuestionKind.YesNo => draw > 0.45 ? "1" : "0",
            QuestionKind.Choice => draw > 0.65 ? "1" : draw > 0.35 ? "2" : "3",
            _ => Math.Clamp((int)Math.Round(1 + (4 * draw)), 1, 5).ToString(CultureInfo.InvariantCulture),
        };
    }
}
