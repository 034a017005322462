namespace ParIndex.Core.Accounts;

/// <summary>
/// What an appraiser may appraise in a year: a unit (every area), an area (every unit), or an area of
/// a unit. At least one of the two is set.
/// </summary>
public sealed class AppraiserAssignment
{
    public int Id { get; set; }

    public int UserId { get; set; }

    public int AssessmentYearId { get; set; }

    public int? UnitId { get; set; }

    /// <summary>The code of an area (a top-level framework node).</summary>
    public string? AreaCode { get; set; }

    public bool Covers(int unitId, string areaCode) =>
        (UnitId is null || UnitId == unitId) && (AreaCode is null || string.Equals(AreaCode, areaCode, StringComparison.Ordinal));
}
