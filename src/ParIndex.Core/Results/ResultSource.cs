namespace ParIndex.Core.Results;

/// <summary>Where a unit's result came from.</summary>
public enum ResultSource
{
    /// <summary>Computed by the engine from the year's leaf scores.</summary>
    Computed = 1,

    /// <summary>Imported from a published results table.</summary>
    Imported = 2,
}
