using System.Collections.Concurrent;
using Linkage.Partitions;

namespace Linkage.Cohorts;

/// <summary>
/// Sends component grains' index updates from this silo to their index partitions: updates that arrive while a partition's
/// call is under way go together in the next call. A grain's own updates keep their order, since it awaits each.
/// Once a partition holds them, <see cref="IndexChanges"/> tells this silo's live analyses.
/// </summary>
public sealed class IndexPublisher(PartitionGrains<IPeopleIndexGrain> indexPartitions, IndexChanges changes)
{
    private readonly ConcurrentDictionary<int, GroupCommit<IndexUpdate>> _partitions = new();

    /// <summary>Completes once the update's partition holds it.</summary>
    public Task PublishAsync(IndexUpdate update)
    {
        var partition = IndexPartitions.PartitionOf(update.Component, indexPartitions.Count);

        // Looked up first: the factory's closure would be allocated on every publish.
        if (!_partitions.TryGetValue(partition, out var commits))
        {
            commits = _partitions.GetOrAdd(partition, p =>
            {
                // The reference is taken once: making one finds the grain's interface type by reflection.
                var grain = indexPartitions.Get(p);
                return new GroupCommit<IndexUpdate>(updates => ApplyAsync(grain, updates), maxItems: 4096);
            });
        }

        return commits.SubmitAsync(update);
    }

    private async Task ApplyAsync(IPeopleIndexGrain grain, IReadOnlyList<IndexUpdate> updates)
    {
        await grain.Apply([.. updates]);
        changes.Changed();
    }
}
