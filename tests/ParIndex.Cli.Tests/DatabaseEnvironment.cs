namespace ParIndex.Cli.Tests;

/// <summary>Tests that name their database through the process environment run one class at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DatabaseEnvironment
{
    public const string Name = "Database named in the environment";
}
