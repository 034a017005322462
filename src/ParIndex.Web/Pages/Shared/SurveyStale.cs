namespace ParIndex.Web.Pages.Shared;

/// <summary>The model of <c>_SurveyStale</c>: a year's survey points are out of date since <paramref name="Since"/>.</summary>
public sealed record SurveyStale(int Year, DateTimeOffset Since);
