namespace ParIndex.Core;

/// <summary>
/// The longest codes and names ParIndex stores, checked by every service and import that takes them
/// (and by the database's column types), so that a pasted megabyte is a message naming the field,
/// not a PostgreSQL error.
/// </summary>
public static class TextLimits
{
    /// <summary>Unit, bloc, leaf, group and question codes.</summary>
    public const int Code = 50;

    /// <summary>Unit, bloc and survey group names, a year's title, an answer's label.</summary>
    public const int Name = 500;

    /// <summary>A framework node's name or a survey question's text (a criterion can be a long sentence).</summary>
    public const int NodeName = 2000;

    /// <summary>A message when <paramref name="value"/> is longer than <paramref name="max"/>, else null.</summary>
    public static string? TooLong(string? value, int max) =>
        value is not null && value.Length > max ? Messages.Get("TextTooLongBy", value.Length, max) : null;
}
