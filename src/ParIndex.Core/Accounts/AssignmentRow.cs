namespace ParIndex.Core.Accounts;

/// <summary>One assignment of a year as listed: who, and which unit (null: every unit) and area (null: every area).</summary>
public sealed record AssignmentRow(int Id, string UserName, string FullName, string? UnitCode, string? UnitName, string? AreaCode);

/// <summary>An appraiser and the agency they work for (which they never appraise).</summary>
public sealed record AppraiserRow(string UserName, string FullName, string? WorksAtCode, string? WorksAtName);
