using ParIndex.Scoring;
using ParIndex.Scoring.Rules;

namespace ParIndex.Core.Demo;

/// <summary>
/// The demo framework: modelled on the national provincial structure (8 areas, 68 appraisal + 32
/// survey points, 10 of them citizen satisfaction), with every rule type. The point values are
/// illustrative, not an official framework, and the UI says so.
/// </summary>
public static class DemoFramework
{
    private static readonly ManualRule Quarter = new(0.25m);
    private static readonly ManualRule Half = new(0.5m);
    private static readonly RateRule Survey = new(1m, 0m); // survey leaves: points = score × max (see SurveyScoringService)
    private static readonly YesNoRule YesNo = YesNoRule.Instance;
    private static readonly TieredRule OnTime = new([new Tier("Đúng hạn", 1m), new Tier("Chậm hạn", 0.5m), new Tier("Không thực hiện", 0m)]);
    private static readonly RateRule Full = new(1m, 0m);
    private static readonly RateRule AtLeast80 = new(1m, 0.8m);
    private static readonly RateRule AtLeast90 = new(0.9m, 0.5m);
    private static readonly DeductionRule PerViolation = new(0.25m);
    private static readonly DeductionRule PerLateItem = new(0.5m);

    /// <summary>The leaves whose points need evidence (or a written explanation) before a unit can submit.</summary>
    public static IReadOnlySet<string> EvidenceRequired { get; } = new HashSet<string>(StringComparer.Ordinal) { "1.1.1", "1.1.2", "2.1.1" };

    /// <summary>The demo framework's rows.</summary>
    public static IReadOnlyList<NodeDefinition> Definitions { get; } = Build();

    /// <summary>The demo framework as the engine's tree.</summary>
    public static Framework Create(string version) => Framework.Create(version, Definitions);

    private static List<NodeDefinition> Build()
    {
        var rows = new List<NodeDefinition>();

        void Area(string code, string name) => rows.Add(new NodeDefinition(code, null, name));
        void Criterion(string code, string name) => rows.Add(new NodeDefinition(code, code[..code.LastIndexOf('.')], name));
        void Leaf(string code, string name, decimal max, ScoringRule rule, Component component = Component.Appraisal)
        {
            // Tiered rules here are written for a 1-point leaf; scale them to the leaf.
            if (rule == OnTime && max != 1m)
            {
                rule = new TieredRule(OnTime.Tiers.Select(t => t with { Points = t.Points * max }));
            }

            rows.Add(new NodeDefinition(code, code[..code.LastIndexOf('.')], name, max, component, rule));
        }

        void SurveyLeaf(string code, string name, decimal max) => Leaf(code, name, max, Survey, Component.Survey);

        Area("1", "Công tác chỉ đạo, điều hành cải cách hành chính");
        Criterion("1.1", "Kế hoạch cải cách hành chính năm");
        Leaf("1.1.1", "Ban hành kế hoạch CCHC năm đúng thời hạn", 1m, OnTime);
        Leaf("1.1.2", "Mức độ hoàn thành kế hoạch CCHC (tỷ lệ nhiệm vụ hoàn thành)", 1.5m, AtLeast80);
        Leaf("1.1.3", "Bố trí kinh phí thực hiện kế hoạch CCHC", 0.5m, YesNo);
        Criterion("1.2", "Báo cáo cải cách hành chính");
        Leaf("1.2.1", "Số báo cáo định kỳ gửi chậm hoặc thiếu", 1m, PerLateItem);
        Criterion("1.3", "Kiểm tra công tác cải cách hành chính");
        Leaf("1.3.1", "Ban hành kế hoạch kiểm tra CCHC", 0.5m, YesNo);
        Leaf("1.3.2", "Tỷ lệ cơ quan, đơn vị được kiểm tra theo kế hoạch", 1m, Full);
        Leaf("1.3.3", "Xử lý các vấn đề phát hiện qua kiểm tra", 1m, Quarter);
        Criterion("1.4", "Công tác tuyên truyền cải cách hành chính");
        Leaf("1.4.1", "Ban hành kế hoạch tuyên truyền CCHC", 0.5m, YesNo);
        Leaf("1.4.2", "Mức độ thực hiện kế hoạch tuyên truyền", 1m, OnTime);
        Criterion("1.5", "Sáng kiến, giải pháp mới trong cải cách hành chính");
        Leaf("1.5.1", "Triển khai sáng kiến, mô hình CCHC mới", 1m, Half);
        Criterion("1.6", "Đánh giá của đại biểu, cán bộ về công tác chỉ đạo, điều hành");
        SurveyLeaf("1.6.1", "Tính kịp thời, sát thực tế của kế hoạch CCHC", 2m);
        SurveyLeaf("1.6.2", "Vai trò của người đứng đầu trong CCHC", 2m);
        Criterion("1.7", "Điểm thưởng, điểm trừ (ngoài thang 100 điểm)");
        Leaf("1.7.1", "Thưởng sáng kiến được công nhận; trừ điểm vi phạm kỷ luật hành chính", 2m, new BonusPenaltyRule(2m));

        Area("2", "Cải cách thể chế");
        Criterion("2.1", "Xây dựng và ban hành văn bản quy phạm pháp luật");
        Leaf("2.1.1", "Mức độ hoàn thành kế hoạch xây dựng văn bản QPPL", 1.5m, AtLeast80);
        Leaf("2.1.2", "Số văn bản ban hành sai thẩm quyền, trình tự", 1m, PerViolation);
        Leaf("2.1.3", "Lấy ý kiến đối tượng chịu tác động của văn bản", 0.5m, YesNo);
        Criterion("2.2", "Theo dõi thi hành pháp luật");
        Leaf("2.2.1", "Ban hành kế hoạch theo dõi thi hành pháp luật", 0.5m, YesNo);
        Leaf("2.2.2", "Mức độ thực hiện kế hoạch theo dõi thi hành pháp luật", 1m, OnTime);
        Criterion("2.3", "Rà soát, hệ thống hóa văn bản QPPL");
        Leaf("2.3.1", "Thực hiện rà soát, hệ thống hóa văn bản đúng quy định", 1m, OnTime);
        Leaf("2.3.2", "Xử lý văn bản sau rà soát", 1m, Quarter);
        Criterion("2.4", "Kiểm tra văn bản QPPL");
        Leaf("2.4.1", "Tỷ lệ văn bản được kiểm tra theo quy định", 1m, AtLeast90);
        Criterion("2.5", "Đánh giá của đại biểu, cán bộ về cải cách thể chế");
        SurveyLeaf("2.5.1", "Tính kịp thời, đồng bộ của văn bản QPPL", 2m);
        SurveyLeaf("2.5.2", "Tính khả thi của văn bản QPPL", 2m);

        Area("3", "Cải cách thủ tục hành chính");
        Criterion("3.1", "Kiểm soát thủ tục hành chính");
        Leaf("3.1.1", "Ban hành kế hoạch rà soát, đơn giản hóa TTHC", 0.5m, YesNo);
        Leaf("3.1.2", "Tỷ lệ TTHC được đơn giản hóa so với kế hoạch", 1.5m, AtLeast80);
        Leaf("3.1.3", "Công bố danh mục TTHC thuộc thẩm quyền", 0.5m, YesNo);
        Criterion("3.2", "Công khai thủ tục hành chính");
        Leaf("3.2.1", "Công bố, công khai TTHC đúng hạn", 1m, OnTime);
        Leaf("3.2.2", "Số TTHC công khai không đầy đủ, không đúng quy định", 1m, PerViolation);
        Criterion("3.3", "Thực hiện cơ chế một cửa, một cửa liên thông");
        Leaf("3.3.1", "Tỷ lệ TTHC tiếp nhận tại Bộ phận Một cửa", 1m, Full);
        Leaf("3.3.2", "Tỷ lệ hồ sơ giải quyết đúng hạn", 1.5m, AtLeast90);
        Leaf("3.3.3", "Xin lỗi người dân khi giải quyết hồ sơ quá hạn", 0.5m, YesNo);
        Criterion("3.4", "Tiếp nhận, xử lý phản ánh, kiến nghị");
        Leaf("3.4.1", "Tỷ lệ phản ánh, kiến nghị được xử lý đúng hạn", 1.5m, AtLeast80);
        Leaf("3.4.2", "Công khai kết quả xử lý phản ánh, kiến nghị", 1m, Quarter);
        Criterion("3.5", "Đánh giá của đại biểu, cán bộ về cải cách TTHC");
        SurveyLeaf("3.5.1", "Tính đơn giản, dễ thực hiện của TTHC", 2m);
        SurveyLeaf("3.5.2", "Việc công khai TTHC", 2m);

        Area("4", "Cải cách tổ chức bộ máy hành chính nhà nước");
        Criterion("4.1", "Sắp xếp tổ chức bộ máy");
        Leaf("4.1.1", "Thực hiện quy định về cơ cấu tổ chức", 1m, YesNo);
        Leaf("4.1.2", "Sắp xếp, kiện toàn các đơn vị trực thuộc đúng hạn", 1m, OnTime);
        Leaf("4.1.3", "Ban hành quy chế làm việc của cơ quan", 0.5m, YesNo);
        Criterion("4.2", "Quản lý biên chế");
        Leaf("4.2.1", "Số trường hợp sử dụng biên chế vượt số được giao", 1m, PerLateItem);
        Leaf("4.2.2", "Tỷ lệ tinh giản biên chế so với kế hoạch", 1m, AtLeast90);
        Criterion("4.3", "Phân cấp, ủy quyền");
        Leaf("4.3.1", "Thực hiện nhiệm vụ được phân cấp", 1m, Quarter);
        Leaf("4.3.2", "Kiểm tra, đánh giá việc thực hiện phân cấp", 1m, OnTime);
        Criterion("4.4", "Đánh giá của đại biểu, cán bộ về tổ chức bộ máy");
        SurveyLeaf("4.4.1", "Sự phù hợp của chức năng, nhiệm vụ", 1.5m);
        SurveyLeaf("4.4.2", "Tình trạng chồng chéo chức năng, nhiệm vụ", 1.5m);

        Area("5", "Cải cách chế độ công vụ");
        Criterion("5.1", "Vị trí việc làm và cơ cấu ngạch công chức");
        Leaf("5.1.1", "Phê duyệt, thực hiện vị trí việc làm", 1m, YesNo);
        Leaf("5.1.2", "Tỷ lệ công chức bố trí đúng vị trí việc làm", 1m, AtLeast90);
        Criterion("5.2", "Tuyển dụng, sử dụng công chức");
        Leaf("5.2.1", "Tuyển dụng đúng quy định", 1m, OnTime);
        Leaf("5.2.2", "Số vi phạm trong bổ nhiệm, sử dụng công chức", 1m, PerViolation);
        Criterion("5.3", "Đánh giá, xếp loại công chức");
        Leaf("5.3.1", "Đánh giá, xếp loại công chức đúng quy định", 1m, Quarter);
        Criterion("5.4", "Đào tạo, bồi dưỡng");
        Leaf("5.4.1", "Tỷ lệ hoàn thành kế hoạch đào tạo, bồi dưỡng", 1.5m, AtLeast80);
        Leaf("5.4.2", "Bồi dưỡng kỹ năng số cho công chức", 0.5m, YesNo);
        Criterion("5.5", "Kỷ luật, kỷ cương hành chính");
        Leaf("5.5.1", "Số công chức bị kỷ luật trong năm", 1m, PerLateItem);
        Leaf("5.5.2", "Thực hiện quy định về văn hóa công sở", 1m, YesNo);
        Criterion("5.6", "Đánh giá của đại biểu, cán bộ về công vụ");
        SurveyLeaf("5.6.1", "Năng lực của đội ngũ công chức", 2m);
        SurveyLeaf("5.6.2", "Tinh thần trách nhiệm của công chức", 2m);

        Area("6", "Cải cách tài chính công");
        Criterion("6.1", "Quản lý, sử dụng ngân sách");
        Leaf("6.1.1", "Tỷ lệ giải ngân vốn đầu tư công", 1m, AtLeast90);
        Leaf("6.1.2", "Công khai ngân sách đúng quy định", 1m, OnTime);
        Leaf("6.1.3", "Thực hiện kiến nghị của kiểm toán, thanh tra", 0.5m, OnTime);
        Criterion("6.2", "Cơ chế tự chủ");
        Leaf("6.2.1", "Thực hiện cơ chế tự chủ tài chính", 1m, Quarter);
        Leaf("6.2.2", "Tỷ lệ đơn vị sự nghiệp tự chủ theo lộ trình", 1m, Full);
        Criterion("6.3", "Quản lý tài sản công");
        Leaf("6.3.1", "Số sai phạm trong quản lý tài sản công", 1m, PerViolation);
        Leaf("6.3.2", "Ban hành quy chế quản lý tài sản công", 0.5m, YesNo);
        Criterion("6.4", "Đánh giá của đại biểu, cán bộ về tài chính công");
        SurveyLeaf("6.4.1", "Tính công khai, minh bạch tài chính", 1.5m);
        SurveyLeaf("6.4.2", "Hiệu quả sử dụng ngân sách", 1.5m);

        Area("7", "Xây dựng và phát triển chính quyền điện tử, chính quyền số");
        Criterion("7.1", "Hạ tầng, nền tảng số");
        Leaf("7.1.1", "Kết nối, chia sẻ dữ liệu với nền tảng của tỉnh", 1m, YesNo);
        Leaf("7.1.2", "Bảo đảm an toàn thông tin theo cấp độ", 1m, OnTime);
        Criterion("7.2", "Dịch vụ công trực tuyến");
        Leaf("7.2.1", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình", 1.5m, AtLeast80);
        Leaf("7.2.2", "Tỷ lệ hồ sơ nộp trực tuyến", 1.5m, Full);
        Leaf("7.2.3", "Tỷ lệ hồ sơ thanh toán trực tuyến", 1.5m, Full);
        Criterion("7.3", "Số hóa hồ sơ, kết quả giải quyết TTHC");
        Leaf("7.3.1", "Tỷ lệ hồ sơ được số hóa", 1m, AtLeast90);
        Leaf("7.3.2", "Tỷ lệ kết quả giải quyết TTHC được số hóa", 1.5m, AtLeast90);
        Criterion("7.4", "Văn bản điện tử và chữ ký số");
        Leaf("7.4.1", "Tỷ lệ văn bản gửi, nhận dưới dạng điện tử", 1m, Full);
        Leaf("7.4.2", "Sử dụng chữ ký số trong văn bản điện tử", 0.5m, YesNo);
        Leaf("7.4.3", "Tổ chức họp trực tuyến trên hệ thống của tỉnh", 0.5m, YesNo);
        Criterion("7.5", "Hệ thống thông tin báo cáo");
        Leaf("7.5.1", "Số báo cáo không cập nhật lên hệ thống", 1m, PerViolation);

        Area("8", "Tác động của cải cách hành chính đến người dân, tổ chức và phát triển kinh tế - xã hội");
        Criterion("8.1", "Tác động đến phát triển kinh tế - xã hội");
        Leaf("8.1.1", "Thực hiện chỉ tiêu phát triển kinh tế - xã hội được giao", 1.5m, AtLeast80);
        Leaf("8.1.2", "Thu hút đầu tư, hỗ trợ doanh nghiệp", 1.5m, Quarter);
        Leaf("8.1.3", "Tỷ lệ thu ngân sách so với dự toán", 0.5m, Full);
        Criterion("8.2", "Tác động đến người dân, tổ chức");
        Leaf("8.2.1", "Tỷ lệ người dân, tổ chức đánh giá hài lòng trên hệ thống", 1.5m, AtLeast80);
        Leaf("8.2.2", "Số phản ánh về thái độ nhũng nhiễu, gây phiền hà", 1.5m, PerViolation);
        Leaf("8.2.3", "Giải quyết khiếu nại, tố cáo đúng hạn", 1.5m, OnTime);
        Criterion("8.3", "Chỉ số hài lòng của người dân, tổ chức (SIPAS)");
        SurveyLeaf("8.3.1", "Tiếp cận dịch vụ hành chính công", 1.5m);
        SurveyLeaf("8.3.2", "Thủ tục hành chính", 1.5m);
        SurveyLeaf("8.3.3", "Sự phục vụ của công chức", 1.5m);
        SurveyLeaf("8.3.4", "Kết quả giải quyết thủ tục hành chính", 1.5m);
        SurveyLeaf("8.3.5", "Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị", 1.5m);
        SurveyLeaf("8.3.6", "Mức độ hài lòng chung", 2.5m);
        return rows;
    }
}
