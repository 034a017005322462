namespace ParIndex.Core.Units;

/// <summary>An assessed agency: a department, a district, a commune, a ministry.</summary>
public sealed class Unit
{
    public int Id { get; set; }

    /// <summary>A stable code, unique across the province.</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }

    /// <summary>The unit's current bloc; the bloc of a given year is on <see cref="YearUnit"/>.</summary>
    public int BlocId { get; set; }

    public Bloc? Bloc { get; set; }

    /// <summary>False once the unit has been replaced (merged into a successor).</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>The year whose results import created this unit (removed by a replacing import when unused); null otherwise.</summary>
    public int? ImportedFor { get; set; }

    /// <summary>The earlier units this unit replaces (e.g. the communes merged into it).</summary>
    public List<UnitLineage> Predecessors { get; set; } = [];
}
