using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Ingest;
using Orleans.Concurrency;

namespace Linkage.Linking;

/// <summary>
/// Routes record versions to their components: finds the components of their keys, merges
/// those that a batch joins, and adds the versions to the survivor. Stateless, so every silo
/// runs several and no single grain is on every event's path.
/// </summary>
[StatelessWorker]
[Reentrant]
public sealed class RecordRouterGrain : Grain, IRecordRouterGrain
{
    /// <summary>Groups routed at once; bounds the calls in flight so a big batch cannot starve the thread pool.</summary>
    private const int Parallelism = 64;

    public async Task<IngestTally> Route(ImmutableArray<FeedEvent> events)
    {
        var groups = RecordGroups.Of(events);
        var tally = new IngestTally();
        foreach (var chunk in groups.Chunk(Parallelism))
        {
            var results = await Task.WhenAll(chunk.Select(RouteGroup));
            foreach (var result in results) tally += result;
        }

        return tally;
    }

    private async Task<IngestTally> RouteGroup(RecordGroup group)
    {
        // Every component id is a key of the records routed there, so ids never collide across unrelated records.
        var candidate = group.Candidate;
        var assigned = await Task.WhenAll(group.Keys.Select(k => GrainFactory.GetGrain<ILinkageKeyGrain>(k).GetOrAssignComponent(candidate)));
        var known = assigned.ToHashSet(StringComparer.Ordinal);

        while (true)
        {
            var roots = (await Task.WhenAll(known.Select(Root))).ToHashSet(StringComparer.Ordinal);
            var survivor = roots.Min(StringComparer.Ordinal)!;
            if (roots.Count > 1)
            {
                // Merge, then look again: a component may have been merged elsewhere meanwhile,
                // and only one root for every key of the group makes the add safe.
                foreach (var other in roots.Where(r => r != survivor).Order(StringComparer.Ordinal).Reverse())
                {
                    await GrainFactory.GetGrain<IComponentGrain>(other).MergeInto(survivor);
                }

                continue;
            }

            var result = await GrainFactory.GetGrain<IComponentGrain>(survivor).AddRecords(group.Events);
            if (result.ForwardedTo is null)
            {
                await CompressPaths(group.Keys, assigned, survivor);
                return new IngestTally(result.Accepted, result.Duplicates);
            }

            // The survivor was merged away meanwhile: look again from where it went.
            known.Add(result.ForwardedTo);
        }
    }

    private Task<string> Root(string component) => ComponentRoots.FindAsync(GrainFactory, component);

    private Task CompressPaths(ImmutableArray<string> keys, string[] assigned, string survivor) =>
        Task.WhenAll(keys.Select((key, i) => assigned[i] == survivor
            ? Task.CompletedTask
            : GrainFactory.GetGrain<ILinkageKeyGrain>(key).PointTo(survivor)));
}
