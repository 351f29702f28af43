namespace Linkage.Surveillance;

/// <summary>A detector alarming on a day of a series: what an alert is raised for.</summary>
public sealed record IndicatorAlarm(string Pref, DateOnly Day, string Detector, long Count, double Statistic)
{
    /// <summary>The alert id of this alarm of <paramref name="indicator"/>, the same for every version.</summary>
    public string AlertId(string indicator) => $"surveillance/{indicator}/{Pref}/{Day:yyyy-MM-dd}/{Detector}";
}
