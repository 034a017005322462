namespace ParIndex.Core.Accounts;

/// <summary>An account as listed to administrators.</summary>
public sealed record AccountRow(int Id, string UserName, string FullName, string Role, string? UnitCode, string? UnitName,
    DateTimeOffset? DisabledAt, DateTimeOffset? LockoutEnd);
