using System.Collections.Immutable;
using Linkage.Diagnostics;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;
using Microsoft.Extensions.Options;

namespace Linkage.Engine;

/// <summary>
/// Applies a logged batch: routes each group of connected record versions to the component its keys were resolved to,
/// merging the components a group joins into the smallest, following forwards where merges happened meanwhile.
/// The same path serves ingests and replay, so recovery rebuilds exactly what ingest built.
/// </summary>
public sealed class BatchRouter(IGrainFactory grains, ComponentForwards forwards, LinkageMetrics metrics, IOptions<LinkageEngineOptions> options)
{
    private readonly int _parallelism = options.Value.RouteParallelism;

    /// <summary>Routes <paramref name="events"/>, whose keys resolve as <paramref name="components"/> says; records every component it changes in <paramref name="touched"/>.</summary>
    public async Task<IngestTally> ApplyAsync(
        IReadOnlyList<FeedEvent> events, IReadOnlyDictionary<ulong, ComponentId> components, ApplyMode mode, TouchedComponents touched)
    {
        var groups = RecordGroups.Of(events);
        using var slots = new SemaphoreSlim(_parallelism);
        var results = await Task.WhenAll(groups.Select(async group =>
        {
            await slots.WaitAsync();
            try
            {
                return await RouteAsync(group, components, mode, touched);
            }
            finally
            {
                slots.Release();
            }
        }));

        var tally = new IngestTally();
        foreach (var result in results) tally += result;
        return tally;
    }

    /// <summary>Merges the components <paramref name="a"/> and <paramref name="b"/> lead to (recovery: both hold records routed by one key).</summary>
    public async Task UniteAsync(ComponentId a, ComponentId b, TouchedComponents touched)
    {
        HashSet<ComponentId> roots = [await RootAsync(a, ApplyMode.Replay, touched), await RootAsync(b, ApplyMode.Replay, touched)];
        var survivor = await MergeAsync(roots, ApplyMode.Replay, touched);
        touched.Add(survivor);
    }

    private async Task<IngestTally> RouteAsync(RecordGroup group, IReadOnlyDictionary<ulong, ComponentId> components, ApplyMode mode, TouchedComponents touched)
    {
        var originals = new HashSet<ComponentId>();
        foreach (var key in group.Keys) originals.Add(components[key]);

        var roots = new HashSet<ComponentId>();
        foreach (var original in originals) roots.Add(await RootAsync(original, mode, touched));

        while (true)
        {
            var survivor = await MergeAsync(roots, mode, touched);
            touched.Add(survivor);
            var result = await Component(survivor).AddRecords(group.Events, mode);
            if (result.ForwardedTo is not { } forward)
            {
                var tally = new IngestTally(result.Accepted, result.Duplicates);
                if (mode == ApplyMode.Live) metrics.Ingested(group.Events.AsSpan(), tally);
                return tally;
            }

            // The survivor was merged away meanwhile: look again from where it went.
            forwards.Record(survivor, forward);
            roots = [await RootAsync(forward, mode, touched)];
        }
    }

    /// <summary>Merges every one of <paramref name="roots"/> into the smallest; the survivor.</summary>
    private async Task<ComponentId> MergeAsync(HashSet<ComponentId> roots, ApplyMode mode, TouchedComponents touched)
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
    private async Task<ComponentId> RootAsync(ComponentId component, ApplyMode mode, TouchedComponents touched)
    {
        if (mode == ApplyMode.Live) return forwards.Resolve(component);

        var current = component;
        while (await Component(current).GetForward() is { } next)
        {
            touched.Add(current);
            current = next;
        }

        return current;
    }

    private IComponentGrain Component(ComponentId id) => grains.GetGrain<IComponentGrain>(id.Value);
}
