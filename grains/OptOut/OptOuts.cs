using System.Collections.Immutable;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Linking;
using Linkage.Partitions;
using Linkage.People;
using Linkage.Recovery;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linkage.OptOut;

/// <summary>
/// Carries out an opt-out (次世代医療基盤法): the person holding a token loses every record from their component's
/// snapshot, the key directory and the cohort index; their anchors are refused from then on (by the directory before
/// the log, and by the component for batches already under way); the journals that held them are rewritten and this
/// silo's log is checkpointed past them. Replay drops what older log segments still hold.
/// </summary>
public sealed partial class OptOuts(
    PeopleDirectory people,
    IntegerKeyGrainFactory<IComponentGrain> components,
    IGrainFactory grains,
    Checkpointer checkpointer,
    IOptions<LinkageEngineOptions> options,
    ILogger<OptOuts> logger)
{
    /// <summary>The person and the records purged; null when no one holds the token.</summary>
    /// <exception cref="AmbiguousTokenException">The token is an id2 several people share.</exception>
    public async Task<PurgeResult?> OptOutAsync(string token, CancellationToken cancellationToken = default)
    {
        var holders = await people.ByTokenAsync(token);
        if (holders.Length == 0) return null;
        if (holders.Length > 1) throw new AmbiguousTokenException(token, [.. holders.Select(h => h.Id)]);

        // The component refuses their anchors from the purge on (batches already under way included); the directory
        // then refuses them before any batch is logged.
        var partitions = options.Value.KeyPartitions;
        var purged = await PurgeAsync(token);
        if (purged.Person is null) return null;
        await ForAllPartitionsAsync(purged.Anchors.Select(RoutingKey.HashOfToken), partitions, (d, keys) => d.OptOut(keys));
        await ForAllPartitionsAsync(purged.Records.Select(RoutingKey.HashOfRecord), partitions, (d, keys) => d.Forget(keys));

        // Journals and this silo's log rewritten without them; other silos' logs pass their next checkpoint, and replay drops them.
        await Task.WhenAll(Enumerable.Range(0, options.Value.IndexPartitions).Select(p => grains.GetGrain<IPeopleIndexGrain>(p).Compact()));
        await checkpointer.RunAsync(cancellationToken);
        await checkpointer.RunAsync(cancellationToken);
        LogOptedOut(logger, purged.Records.Length, purged.Anchors.Length);
        return purged;
    }

    private async Task<PurgeResult> PurgeAsync(string token)
    {
        var holder = await people.ComponentOfTokenAsync(token);
        while (holder is { } current)
        {
            var result = await components.Get(current.Value).Purge(token);
            if (result.ForwardedTo is not { } next) return result;
            holder = next;
        }

        return new PurgeResult();
    }

    private async Task ForAllPartitionsAsync(IEnumerable<ulong> keys, int partitions, Func<IKeyDirectoryGrain, ImmutableArray<ulong>, Task> call) =>
        await Task.WhenAll(keys.GroupBy(k => KeyDirectory.PartitionOf(k, partitions))
            .Select(p => call(grains.GetGrain<IKeyDirectoryGrain>(p.Key), [.. p])));

    [LoggerMessage(Level = LogLevel.Information, Message = "Opt-out carried out: {Records} records purged, {Anchors} tokens refused from now on")]
    private static partial void LogOptedOut(ILogger logger, int records, int anchors);
}
