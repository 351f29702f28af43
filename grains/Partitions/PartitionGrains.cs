using System.Collections.Immutable;

namespace Linkage.Partitions;

/// <summary>
/// The grains of one partitioned table (the key directory's partitions, the cohort index's), numbered from 0: the one
/// fan-out that whatever asks every partition, or the partitions some keys fall in, goes through.
/// </summary>
/// <typeparam name="TGrain">The partition grain's interface.</typeparam>
/// <param name="partitionOf">Which partition a key hash falls in, given the count; null for a table not addressed by key.</param>
public sealed class PartitionGrains<TGrain>(IntegerKeyGrainFactory<TGrain> grains, int count, Func<ulong, int, int>? partitionOf = null)
    where TGrain : IGrainWithIntegerKey
{
    /// <summary>How many partitions the table has (fixed for a deployment).</summary>
    public int Count => count;

    public TGrain Get(int partition) => grains.Get(partition);

    /// <summary>The partition <paramref name="key"/> falls in.</summary>
    public TGrain ForKey(ulong key) => grains.Get(PartitionOf(key));

    /// <summary>Calls every partition at once.</summary>
    public Task<TResult[]> AllAsync<TResult>(Func<TGrain, Task<TResult>> call) => Task.WhenAll(Enumerable.Range(0, count).Select(p => call(grains.Get(p))));

    /// <inheritdoc cref="AllAsync{TResult}"/>
    public Task AllAsync(Func<TGrain, Task> call) => Task.WhenAll(Enumerable.Range(0, count).Select(p => call(grains.Get(p))));

    /// <summary>Calls, at once, each partition that some of <paramref name="keys"/> fall in, with those keys (once each).</summary>
    public Task<TResult[]> ByKeyAsync<TResult>(IEnumerable<ulong> keys, Func<TGrain, ImmutableArray<ulong>, Task<TResult>> call) =>
        Task.WhenAll(keys.Distinct().GroupBy(PartitionOf).Select(p => call(grains.Get(p.Key), [.. p])));

    /// <inheritdoc cref="ByKeyAsync{TResult}"/>
    public Task ByKeyAsync(IEnumerable<ulong> keys, Func<TGrain, ImmutableArray<ulong>, Task> call) =>
        Task.WhenAll(keys.Distinct().GroupBy(PartitionOf).Select(p => call(grains.Get(p.Key), [.. p])));

    /// <summary>The number of the partition <paramref name="key"/> falls in.</summary>
    public int PartitionOf(ulong key) =>
        (partitionOf ?? throw new InvalidOperationException($"the partitions of {typeof(TGrain).Name} are not addressed by key"))(key, count);
}
