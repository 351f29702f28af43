namespace Linkage.Cohorts;

/// <summary>
/// A grain that keeps an analysis of the live index current (a drug-safety monitor, a surveillance indicator): told,
/// soon after the index partitions applied an ingest and before or about when it is acknowledged, to evaluate itself
/// again. Registered with <see cref="ILiveAnalysesGrain"/>.
/// </summary>
[Alias("linkage.ILiveAnalysis")]
public interface ILiveAnalysis : IGrain
{
    /// <summary>The index changed: evaluate again over the current records.</summary>
    [Alias("IndexChanged")]
    [Orleans.Concurrency.OneWay]
    Task IndexChanged();
}
