namespace ParIndex.Core.Accounts;

/// <summary>The six roles. A user has exactly one.</summary>
public static class Roles
{
    /// <summary>Sở Nội vụ: accounts, years, frameworks, units, calendar, deadlines.</summary>
    public const string Administrator = "administrator";

    /// <summary>Enters one unit's self-assessment and explanations.</summary>
    public const string Reporter = "reporter";

    /// <summary>Approves and submits one unit's self-assessment and explanations.</summary>
    public const string UnitHead = "head";

    /// <summary>A member of the appraisal council, assigned to units and/or areas.</summary>
    public const string Appraiser = "appraiser";

    /// <summary>The council's secretary: runs the rounds, appraises anything, finalises.</summary>
    public const string Secretary = "secretary";

    /// <summary>Leaders: read everything, change nothing.</summary>
    public const string Viewer = "viewer";

    public static IReadOnlyList<string> All { get; } = [Administrator, Reporter, UnitHead, Appraiser, Secretary, Viewer];

    /// <summary>Roles that belong to one unit.</summary>
    public static bool IsUnitRole(string role) => role is Reporter or UnitHead;
}
