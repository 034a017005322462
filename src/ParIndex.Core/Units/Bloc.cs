namespace ParIndex.Core.Units;

/// <summary>A bloc (khối): units are ranked only inside their bloc. Data, not code.</summary>
public sealed class Bloc
{
    public int Id { get; set; }

    public required string Code { get; set; }

    public required string Name { get; set; }

    public int SortOrder { get; set; }

    /// <summary>The year whose results import created this bloc (removed by a replacing import when unused); null otherwise.</summary>
    public int? ImportedFor { get; set; }
}
