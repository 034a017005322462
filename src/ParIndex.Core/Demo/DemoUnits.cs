namespace ParIndex.Core.Demo;

/// <summary>The demo province's blocs and units: real-sounding names, illustrative data.</summary>
public static class DemoUnits
{
    public static IReadOnlyList<(string Code, string Name)> Blocs { get; } =
    [
        ("SO", "Khối sở, ban, ngành"),
        ("XA", "Khối xã, phường"),
    ];

    public static IReadOnlyList<string> Departments { get; } =
    [
        "Sở Nội vụ", "Sở Tài chính", "Sở Tư pháp", "Sở Xây dựng", "Sở Công Thương",
        "Sở Giáo dục và Đào tạo", "Sở Y tế", "Sở Khoa học và Công nghệ", "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Nông nghiệp và Môi trường", "Sở Dân tộc và Tôn giáo", "Sở Ngoại vụ", "Thanh tra tỉnh",
        "Văn phòng UBND tỉnh", "Ban Quản lý các khu công nghiệp", "Sở Du lịch", "Sở Quy hoạch - Kiến trúc",
        "Văn phòng Đoàn ĐBQH và HĐND tỉnh", "Đài Phát thanh và Truyền hình tỉnh", "Ban Quản lý dự án đầu tư xây dựng",
    ];

    public static IReadOnlyList<string> Communes { get; } =
    [
        "Phường Ba Đình", "Phường Hoàn Kiếm", "Phường Cửa Nam", "Phường Ngọc Hà", "Phường Giảng Võ",
        "Phường Hai Bà Trưng", "Phường Vĩnh Tuy", "Phường Bạch Mai", "Phường Đống Đa", "Phường Kim Liên",
        "Phường Văn Miếu - Quốc Tử Giám", "Phường Láng", "Phường Ô Chợ Dừa", "Phường Hồng Hà", "Phường Lĩnh Nam",
        "Phường Hoàng Mai", "Phường Tương Mai", "Phường Cầu Giấy", "Phường Nghĩa Đô", "Phường Yên Hòa",
        "Phường Tây Hồ", "Phường Phú Thượng", "Xã Sóc Sơn", "Xã Đông Anh", "Xã Gia Lâm",
        "Xã Thanh Trì", "Xã Bát Tràng", "Xã Mê Linh", "Xã Ba Vì", "Xã Phúc Thọ",
    ];
}
