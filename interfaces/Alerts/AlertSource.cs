namespace Linkage.Alerts;

/// <summary>What raised an alert (api-v1's <c>source</c>).</summary>
public enum AlertSource
{
    /// <summary>A surveillance-v1 indicator's EARS detector.</summary>
    Surveillance,

    /// <summary>A safety-v1 monitor's signal.</summary>
    Safety,
}
