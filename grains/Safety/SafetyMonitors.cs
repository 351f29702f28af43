namespace Linkage.Safety;

/// <summary>The safety monitors: each a <see cref="ISafetyMonitorGrain"/>, listed from the live analyses' registry.</summary>
public sealed class SafetyMonitors(IGrainFactory grains)
{
    public ISafetyMonitorGrain Monitor(string name) => grains.GetGrain<ISafetyMonitorGrain>(name);

    /// <summary>Every monitor watching, by name.</summary>
    public async Task<IReadOnlyList<MonitorView>> ListAsync()
    {
        var monitorType = Monitor("_").GetGrainId().Type;
        var registered = await grains.GetGrain<Cohorts.ILiveAnalysesGrain>(Cohorts.ILiveAnalysesGrain.Key).List();
        var views = await Task.WhenAll(registered.Analyses.Where(a => a.Type.Equals(monitorType))
            .Select(a => grains.GetGrain<ISafetyMonitorGrain>(a).Get()));
        return [.. views.OfType<MonitorView>().OrderBy(v => v.Definition.Name, StringComparer.Ordinal)];
    }
}
