namespace ParIndex.Core.Evidence;

/// <summary>Where evidence files are kept and how large they may be (configuration section "ParIndex:Evidence").</summary>
public sealed class EvidenceOptions
{
    /// <summary>A folder outside the web root; files are stored under their SHA-256.</summary>
    public string Directory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "parindex", "evidence");

    /// <summary>The largest file accepted, in bytes (default 20 MB).</summary>
    public long MaxBytes { get; set; } = 20L * 1024 * 1024;
}
