namespace ParIndex.Cli;

/// <summary>The CLI's exit codes.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>Bad input: a bad file, a bad value, a bad command line. Nothing was written to stdout.</summary>
    public const int BadInput = 2;
}
