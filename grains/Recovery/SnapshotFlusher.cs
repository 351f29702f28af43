using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Linking;
using Linkage.Partitions;
using Linkage.Testing;
using Microsoft.Extensions.Options;

namespace Linkage.Recovery;

/// <summary>Has grains write their snapshots: the components an ingest or replay touched, and every directory and index partition.</summary>
public sealed class SnapshotFlusher(
    IntegerKeyGrainFactory<IComponentGrain> componentGrains,
    PartitionGrains<IKeyDirectoryGrain> keyPartitions,
    PartitionGrains<IPeopleIndexGrain> indexPartitions,
    IOptions<LinkageEngineOptions> options,
    CrashHook crash)
{
    private readonly LinkageEngineOptions _options = options.Value;

    /// <summary>Flushes <paramref name="components"/>, then all key directory and index partitions; fails if any could not write.</summary>
    public async Task FlushAsync(IReadOnlyCollection<ComponentId> components, CancellationToken cancellationToken)
    {
        await Parallel.ForEachAsync(
            components,
            new ParallelOptions { MaxDegreeOfParallelism = _options.FlushParallelism, CancellationToken = cancellationToken },
            async (component, _) =>
            {
                await componentGrains.Get(component.Value).Flush();
                crash.Pass(CrashPoint.AfterComponentsFlushed);
            });

        // Few and hot, so all of them every time: a component may have updated any of them from any silo.
        await Task.WhenAll(keyPartitions.AllAsync(d => d.Flush()), indexPartitions.AllAsync(i => i.Flush()));
    }
}
