using System.Collections.Immutable;
using Linkage.Diagnostics;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Partitions;
using Linkage.People;
using Microsoft.Extensions.Options;

namespace Linkage.Ingest;

/// <summary>
/// Applies a logged batch: routes each group of connected record versions to the component its keys were resolved to,
/// merging the components a group joins into the smallest, following forwards where merges happened meanwhile.
/// The same path serves ingests and replay, so recovery rebuilds exactly what ingest built.
/// </summary>
public sealed class BatchRouter(IntegerKeyGrainFactory<IComponentGrain> components, ComponentForwards forwards, LinkageMetrics metrics, IOptions<LinkageEngineOptions> options)
{
    private readonly int _parallelism = options.Value.RouteParallelism;

    /// <summary>Routes <paramref name="events"/>, whose keys resolve as <paramref name="resolved"/> says; records every component it changes in <paramref name="touched"/>.</summary>
    public Task<IngestTally> ApplyAsync(
        IReadOnlyList<FeedEvent> events, IReadOnlyDictionary<ulong, ComponentId> resolved, ApplyMode mode, TouchedComponents touched) =>
        ApplyAsync(RecordGroups.Of(events), resolved, mode, touched);

    /// <summary>Routes groups already made of a batch (see <see cref="RecordGroups"/>).</summary>
    /// <param name="parts">When the batch was made of parts (a feed message's batches): each group's versions are added part by part, and each part's tally counted there.</param>
    /// <param name="minted">Components the key directory has just minted for this batch: nothing stored to read (<see cref="IComponentGrain.AddRecords(ImmutableArray{FeedEvent}, ApplyMode, bool)"/>).</param>
    public async Task<IngestTally> ApplyAsync(
        IReadOnlyList<RecordGroup> groups, IReadOnlyDictionary<ulong, ComponentId> resolved, ApplyMode mode, TouchedComponents touched,
        IReadOnlySet<ComponentId>? minted = null, BatchParts? parts = null)
    {
        var lanes = Math.Min(_parallelism, groups.Count);
        var changed = new List<ComponentId>[lanes];
        var tallies = new IngestTally[groups.Count];
        var next = -1;

        // A fixed number of lanes take the groups in turn: as many calls in flight as the option allows, no more tasks.
        // Each lane routes one group at a time, so it keeps one list of the components it changed.
        await Task.WhenAll(Enumerable.Range(0, lanes).Select(async lane =>
        {
            var laneChanged = changed[lane] = [];
            int i;
            while ((i = Interlocked.Increment(ref next)) < groups.Count)
            {
                tallies[i] = await RouteAsync(groups[i], resolved, mode, laneChanged, minted, parts);
            }
        }));

        var tally = new IngestTally();
        var counts = mode == ApplyMode.Live ? new IngestCounts() : null;
        for (var i = 0; i < tallies.Length; i++)
        {
            tally += tallies[i];
            counts?.Add(groups[i].Events.AsSpan(), tallies[i]);
        }

        if (counts is not null) metrics.Ingested(counts);
        foreach (var lane in changed) touched.AddRange(lane);
        return tally;
    }

    /// <summary>Merges the components <paramref name="a"/> and <paramref name="b"/> lead to (recovery: both hold records routed by one key).</summary>
    public async Task UniteAsync(ComponentId a, ComponentId b, TouchedComponents touched)
    {
        var changed = new List<ComponentId>();
        HashSet<ComponentId> roots = [await RootAsync(a, ApplyMode.Replay, changed), await RootAsync(b, ApplyMode.Replay, changed)];
        changed.Add(await MergeAsync(roots, ApplyMode.Replay, changed));
        touched.AddRange(changed);
    }

    private async Task<IngestTally> RouteAsync(
        RecordGroup group, IReadOnlyDictionary<ulong, ComponentId> resolved, ApplyMode mode, List<ComponentId> touched, IReadOnlySet<ComponentId>? minted,
        BatchParts? parts)
    {
        // Most groups of a live batch lead to one component that merges with nothing: added to at once.
        if (mode == ApplyMode.Live && parts is null && OnlyComponent(group, resolved) is { } only)
        {
            var root = forwards.Resolve(only);
            touched.Add(root);
            var result = minted?.Contains(root) == true
                ? await Component(root).AddRecords(group.Events, mode, minted: true)
                : await Component(root).AddRecords(group.Events, mode);
            if (result.ForwardedTo is not { } forward) return new IngestTally(result.Accepted, result.Duplicates, result.OptedOut);

            // Merged away meanwhile: the general path follows where it went.
            forwards.Record(root, forward);
            return (await AddAsync([await RootAsync(forward, mode, touched)], group.Events, mode, touched, minted)).Tally;
        }

        var originals = new HashSet<ComponentId>();
        foreach (var key in group.Keys) originals.Add(resolved[key]);

        var roots = new HashSet<ComponentId>();
        foreach (var original in originals) roots.Add(await RootAsync(original, mode, touched));

        var mayBeMinted = mode == ApplyMode.Live && originals.Count == 1 ? minted : null;
        if (parts is null) return (await AddAsync(roots, group.Events, mode, touched, mayBeMinted)).Tally;

        // One part after another, in order, so that a later part's version of a record comes after an earlier part's.
        var total = new IngestTally();
        foreach (var (part, events) in parts.Slices(group.Events))
        {
            (var tally, roots) = await AddAsync(roots, events, mode, touched, mayBeMinted);
            parts.Count(part, tally);
            total += tally;
        }

        return total;
    }

    /// <summary>The component every key of <paramref name="group"/> was resolved to, or null when they lead to several.</summary>
    private static ComponentId? OnlyComponent(RecordGroup group, IReadOnlyDictionary<ulong, ComponentId> resolved)
    {
        var keys = group.Keys;
        var only = resolved[keys[0]];
        for (var k = 1; k < keys.Length; k++)
        {
            if (resolved[keys[k]] != only) return null;
        }

        return only;
    }

    /// <summary>Merges <paramref name="roots"/> and adds <paramref name="events"/> to the survivor; what became of them, and the survivor.</summary>
    private async Task<(IngestTally Tally, HashSet<ComponentId> Survivor)> AddAsync(
        HashSet<ComponentId> roots, ImmutableArray<FeedEvent> events, ApplyMode mode, List<ComponentId> touched, IReadOnlySet<ComponentId>? minted)
    {
        while (true)
        {
            var survivor = await MergeAsync(roots, mode, touched);
            touched.Add(survivor);
            var result = minted?.Contains(survivor) == true
                ? await Component(survivor).AddRecords(events, mode, minted: true)
                : await Component(survivor).AddRecords(events, mode);
            if (result.ForwardedTo is not { } forward) return (new IngestTally(result.Accepted, result.Duplicates, result.OptedOut), [survivor]);

            // The survivor was merged away meanwhile: look again from where it went.
            forwards.Record(survivor, forward);
            roots = [await RootAsync(forward, mode, touched)];
        }
    }

    /// <summary>Merges every one of <paramref name="roots"/> into the smallest; the survivor.</summary>
    private async Task<ComponentId> MergeAsync(HashSet<ComponentId> roots, ApplyMode mode, List<ComponentId> touched)
    {
        while (true)
        {
            var survivor = roots.Min();
            var rerouted = false;
            foreach (var other in roots.Where(r => r != survivor).OrderDescending().ToList())
            {
                touched.Add(other);
                if (await Component(other).MergeInto(survivor) is { } elsewhere)
                {
                    // Merged into another component meanwhile: join that one instead.
                    forwards.Record(other, elsewhere);
                    roots.Remove(other);
                    roots.Add(await RootAsync(elsewhere, mode, touched));
                    rerouted = true;
                    break;
                }

                forwards.Record(other, survivor);
                roots.Remove(other);
            }

            if (!rerouted) return survivor;
        }
    }

    /// <summary>
    /// The surviving component along <paramref name="component"/>'s forwards. Ingests trust this silo's memory of
    /// merges; replay asks each component, so that one a crash took back to before its merge is found and merged again.
    /// </summary>
    private async Task<ComponentId> RootAsync(ComponentId component, ApplyMode mode, List<ComponentId> touched)
    {
        if (mode == ApplyMode.Live) return forwards.Resolve(component);

        var current = component;
        while (await Component(current).GetForward() is { } next)
        {
            // It tells its index partition again that it holds no one (its snapshot may be newer than the index journal).
            await Component(current).AddRecords([], ApplyMode.Replay);
            touched.Add(current);
            current = next;
        }

        return current;
    }

    private IComponentGrain Component(ComponentId id) => components.Get(id.Value);
}
