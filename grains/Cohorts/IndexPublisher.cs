using System.Collections.Concurrent;
using Linkage.Engine;
using Linkage.Partitions;
using Microsoft.Extensions.Options;

namespace Linkage.Cohorts;

/// <summary>
/// Sends component grains' index updates from this silo to their index partitions: updates that arrive while a partition's
/// call is under way go together in the next call. A grain's own updates keep their order, since it awaits each.
/// Once a partition holds them, <see cref="IndexChanges"/> tells this silo's live analyses.
/// </summary>
public sealed class IndexPublisher(IGrainFactory grains, IndexChanges changes, IOptions<LinkageEngineOptions> options)
{
    private readonly ConcurrentDictionary<int, GroupCommit<IndexUpdate>> _partitions = new();
    private readonly int _partitionCount = options.Value.IndexPartitions;

    /// <summary>Completes once the update's partition holds it.</summary>
    public Task PublishAsync(IndexUpdate update)
    {
        var partition = IndexPartitions.PartitionOf(update.Component, _partitionCount);
        return _partitions.GetOrAdd(partition, p => new GroupCommit<IndexUpdate>(
            updates => ApplyAsync(p, updates), maxItems: 4096)).SubmitAsync(update);
    }

    private async Task ApplyAsync(int partition, IReadOnlyList<IndexUpdate> updates)
    {
        await grains.GetGrain<IPeopleIndexGrain>(partition).Apply([.. updates]);
        changes.Changed();
    }
}
