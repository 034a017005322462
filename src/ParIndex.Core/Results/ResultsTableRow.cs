namespace ParIndex.Core.Results;

/// <summary>A checked row of a results table: appraisal + survey ≤ maximum ≤ 100, all ≥ 0; the unit's code when the table has one.</summary>
public sealed record ResultsTableRow(int Line, string Unit, string Bloc, decimal Appraisal, decimal Survey, decimal Maximum, string? UnitCode = null);
