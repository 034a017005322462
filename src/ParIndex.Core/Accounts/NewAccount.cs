namespace ParIndex.Core.Accounts;

/// <summary>An account to create. Reporters and unit heads name their unit; other roles do not.</summary>
public sealed record NewAccount(string UserName, string FullName, string? Email, string Role, string? UnitCode, string Password);
