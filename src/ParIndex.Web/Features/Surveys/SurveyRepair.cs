using ParIndex.Core.Surveys;

namespace ParIndex.Web.Features.Surveys;

/// <summary>
/// At start, finishes the survey scoring a year was left without: responses stored with --no-score,
/// online answers sent since the last scoring, or a rescoring the process died in the middle of (its
/// transaction rolled back, the year's mark stayed). A failure is logged and the app goes on; the
/// year's pages keep saying its points are out of date.
/// </summary>
public sealed class SurveyRepair(IServiceScopeFactory scopes, ILogger<SurveyRepair> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var years = await scope.ServiceProvider.GetRequiredService<SurveyScoringService>().RepairAsync(stoppingToken);
            if (years.Count > 0)
            {
                logger.LogInformation("Survey points of {Years} were out of date and have been recomputed", string.Join(", ", years));
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "The survey points left out of date could not be recomputed at start");
        }
    }
}
