namespace ParIndex.Core.Accounts;

/// <summary>Who is acting: the signed-in user as the services see them (the CLI acts as a named administrator).</summary>
/// <param name="UserId">The account's id.</param>
/// <param name="UserName">The sign-in name, kept in the audit trail.</param>
/// <param name="Role">One of <see cref="Roles"/>.</param>
/// <param name="UnitId">The unit of a reporter or unit head.</param>
public sealed record Actor(int UserId, string UserName, string Role, int? UnitId)
{
    public bool Is(string role) => string.Equals(Role, role, StringComparison.Ordinal);

    /// <summary>Whether this person may read <paramref name="unitId"/>'s assessment (appraisers: see <see cref="AppraiserAssignment"/>).</summary>
    public bool IsOwnUnit(int unitId) => Roles.IsUnitRole(Role) && UnitId == unitId;

    /// <summary>Roles that read every unit: administrator, secretary, viewer.</summary>
    public bool ReadsEverything => Role is Roles.Administrator or Roles.Secretary or Roles.Viewer;
}
