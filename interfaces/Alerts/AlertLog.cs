namespace Linkage.Alerts;

/// <summary>Where the one alert log is.</summary>
public static class AlertLog
{
    /// <summary>
    /// The alert log. To raise or withdraw from a grain:
    /// <c>await AlertLog.Of(GrainFactory).Append([new Alert { Id = ..., Version = n, Source = AlertSource.Safety, Monitor = ..., N = n, C = c, Llr = llr }])</c>.
    /// </summary>
    public static IAlertLogGrain Of(IGrainFactory grains) => grains.GetGrain<IAlertLogGrain>(0);
}
