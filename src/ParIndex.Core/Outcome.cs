namespace ParIndex.Core;

/// <summary>How a service call ended, for the API and the pages to turn into a response.</summary>
public enum OutcomeKind
{
    Ok,
    NotFound,
    Forbidden,
    Invalid,
    Conflict,
}

/// <summary>A problem with one field of a request: which field (e.g. "first", "reason", a leaf code) and what.</summary>
public sealed record FieldProblem(string Field, string Message);

/// <summary>The result of a service operation; <see cref="Problems"/> say what and where when it did not succeed.</summary>
public sealed record Outcome(OutcomeKind Kind, IReadOnlyList<FieldProblem> Problems, object? Value = null)
{
    public static Outcome Ok(object? value = null) => new(OutcomeKind.Ok, [], value);

    public static Outcome NotFound(string message) => new(OutcomeKind.NotFound, [new FieldProblem("", message)]);

    public static Outcome Forbidden(string message) => new(OutcomeKind.Forbidden, [new FieldProblem("", message)]);

    public static Outcome Invalid(string field, string message) => new(OutcomeKind.Invalid, [new FieldProblem(field, message)]);

    public static Outcome Invalid(IReadOnlyList<FieldProblem> problems) => new(OutcomeKind.Invalid, problems);

    /// <summary>Someone else saved first; <paramref name="current"/> is what they saved.</summary>
    public static Outcome Conflict(string message, object? current) => new(OutcomeKind.Conflict, [new FieldProblem("", message)], current);

    public bool Succeeded => Kind == OutcomeKind.Ok;

    /// <summary>All messages, one per line.</summary>
    public string Message => string.Join(Environment.NewLine, Problems.Select(p => p.Message));
}
