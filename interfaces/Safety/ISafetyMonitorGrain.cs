using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>
/// One safety-v1 monitor (keyed by its name): its definition, its (n, c) over the current records and its signals,
/// kept durably and evaluated again whenever the index changes.
/// </summary>
[Alias("linkage.ISafetyMonitorGrain")]
public interface ISafetyMonitorGrain : ILiveAnalysis, IGrainWithStringKey
{
    /// <summary>Starts the monitor; null when one of this name already watches another definition.</summary>
    [Alias("Start")]
    Task<MonitorView?> Start(MonitorDefinition definition);

    /// <summary>The monitor as it now is; null when none of this name is watching.</summary>
    [Alias("Get")]
    Task<MonitorView?> Get();

    /// <summary>
    /// The monitor once it has evaluated the index more than <paramref name="evaluations"/> times in all (or now, if it
    /// already has): a test or a client waits on this instead of polling.
    /// </summary>
    [Alias("Evaluated")]
    [Orleans.Concurrency.AlwaysInterleave]
    [ResponseTimeout("00:01:00")]
    Task<MonitorView?> Evaluated(long evaluations);

    /// <summary>Ends the monitor: its state is removed and it is no longer told of changes. The monitor as it was last; null when there was none.</summary>
    [Alias("End")]
    Task<MonitorView?> End();
}
