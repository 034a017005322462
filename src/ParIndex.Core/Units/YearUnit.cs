namespace ParIndex.Core.Units;

/// <summary>A unit taking part in an assessment year: in which bloc, against which framework version.</summary>
public sealed class YearUnit
{
    public int AssessmentYearId { get; set; }

    public int UnitId { get; set; }

    public Unit? Unit { get; set; }

    public int BlocId { get; set; }

    public Bloc? Bloc { get; set; }

    /// <summary>The framework version the unit is scored against; null for results imported as published.</summary>
    public int? FrameworkId { get; set; }
}
