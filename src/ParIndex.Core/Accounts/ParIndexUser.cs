using Microsoft.AspNetCore.Identity;
using ParIndex.Core.Units;

namespace ParIndex.Core.Accounts;

/// <summary>A person who signs in: an official of the Department of Home Affairs, of a unit, of the council, or a leader.</summary>
public sealed class ParIndexUser : IdentityUser<int>
{
    public string FullName { get; set; } = "";

    /// <summary>The unit a reporter or unit head works for; null for every other role.</summary>
    public int? UnitId { get; set; }

    public Unit? Unit { get; set; }

    /// <summary>
    /// The agency an appraiser works for (gives no access to it): an appraiser never appraises it — a
    /// conflict of interest — whatever their assignments say.
    /// </summary>
    public int? WorksAtUnitId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The password was set by an administrator (a temporary one): the person chooses their own at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }

    /// <summary>When an administrator disabled the account; a disabled account cannot sign in.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
