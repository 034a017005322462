namespace ParIndex.Web;

/// <summary>
/// Marker for the UI texts in Resources/SharedResource*.resx: Vietnamese (the neutral culture) and English.
/// </summary>
public sealed class SharedResource;
