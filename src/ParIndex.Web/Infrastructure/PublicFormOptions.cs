namespace ParIndex.Web.Infrastructure;

/// <summary>The public survey form's rate limit (configuration section <c>ParIndex:PublicForm</c>).</summary>
public sealed class PublicFormOptions
{
    public const string Section = "ParIndex:PublicForm";

    /// <summary>The rate limiter policy the form's pages use.</summary>
    public const string RateLimitPolicy = "public-form";

    /// <summary>Requests per minute from one address (default 120: a questionnaire takes about 20).</summary>
    public int RequestsPerMinute { get; set; } = 120;
}
