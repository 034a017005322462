using ParIndex.Core.Accounts;

namespace ParIndex.Core.Demo;

/// <summary>One demo account per role, all with <see cref="Password"/>; printed when demo mode starts.</summary>
public static class DemoAccounts
{
    /// <summary>The demo accounts' password (demo mode only; it meets the password policy).</summary>
    public const string Password = "ParIndex2026";

    /// <summary>The unit of the demo reporter and unit head.</summary>
    public const string Unit = "SO03";

    public static IReadOnlyList<(string UserName, string FullName, string Role, string? UnitCode)> All { get; } =
    [
        ("quantri", "Nguyễn Văn An (Sở Nội vụ)", Roles.Administrator, null),
        ("nhaplieu", "Trần Thị Bình (Sở Tư pháp)", Roles.Reporter, Unit),
        ("thutruong", "Lê Văn Cường (Giám đốc Sở Tư pháp)", Roles.UnitHead, Unit),
        ("thamdinh", "Phạm Thị Dung (Hội đồng thẩm định)", Roles.Appraiser, null),
        ("thuky", "Hoàng Văn Em (Thư ký Hội đồng)", Roles.Secretary, null),
        ("lanhdao", "Vũ Thị Giang (Lãnh đạo UBND tỉnh)", Roles.Viewer, null),
    ];

    /// <summary>The units the demo appraiser is assigned to (whole units) in each demo year.</summary>
    public static IReadOnlyList<string> AppraiserUnits { get; } = ["SO01", "SO02", "SO03", "SO04", "SO05"];
}
