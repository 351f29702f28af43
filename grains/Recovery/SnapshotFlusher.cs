using System.Collections.Immutable;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Linking;
using Linkage.Partitions;
using Linkage.People;
using Linkage.Testing;
using Microsoft.Extensions.Options;

namespace Linkage.Recovery;

/// <summary>
/// Has grains write their snapshots: the components an ingest or replay touched, and every directory and index
/// partition. Once this silo has gathered enough merges, the directory partitions first give the merged components'
/// keys their survivors, and once that is written the forwards are forgotten (docs/engine.md, "Forwards are pruned").
/// </summary>
public sealed class SnapshotFlusher(
    IntegerKeyGrainFactory<IComponentGrain> componentGrains,
    PartitionGrains<IKeyDirectoryGrain> keyPartitions,
    PartitionGrains<IPeopleIndexGrain> indexPartitions,
    ComponentForwards forwards,
    IOptions<LinkageEngineOptions> options,
    TimeProvider clock,
    CrashHook crash)
{
    private readonly LinkageEngineOptions _options = options.Value;

    /// <summary>Flushes <paramref name="components"/>, then all key directory and index partitions; fails if any could not write.</summary>
    public async Task FlushAsync(IReadOnlyCollection<ComponentId> components, CancellationToken cancellationToken)
    {
        var pace = new SnapshotPace(clock, _options.SnapshotsPerSecond);
        await Parallel.ForEachAsync(
            components,
            new ParallelOptions { MaxDegreeOfParallelism = _options.FlushParallelism, CancellationToken = cancellationToken },
            async (component, token) =>
            {
                await pace.WaitTurnAsync(token);
                await componentGrains.Get(component.Value).Flush();
                crash.Pass(CrashPoint.AfterComponentsFlushed);
            });

        // Repointed only now: a merge is durable when MergeInto returns (the survivor's snapshot holds the records), and
        // the merged component's own forward was flushed just above if its batch finished before this checkpoint began.
        var repoint = forwards.Unrepointed >= _options.ForwardsPerRepoint ? forwards.ToRepoint() : null;
        if (repoint is not null)
        {
            ImmutableArray<ComponentId> merged = [.. repoint.Keys], survivors = [.. repoint.Values];
            await keyPartitions.AllAsync(d => d.Repoint(merged, survivors));
        }

        // Few and hot, so all of them every time: a component may have updated any of them from any silo.
        await Task.WhenAll(keyPartitions.AllAsync(d => d.Flush()), indexPartitions.AllAsync(i => i.Flush()));
        if (repoint is not null) forwards.Prune(repoint);
    }
}
