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
    PartitionGrains<IKeyDirectoryGrain> keyPartitions,
    PartitionGrains<IPeopleIndexGrain> indexPartitions,
    Checkpointer checkpointer,
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
        var purged = await PurgeAsync(token);
        if (purged.Person is null) return null;
        await keyPartitions.ByKeyAsync(purged.Anchors.Select(RoutingKey.HashOfToken), (d, keys) => d.OptOut(keys));
        await keyPartitions.ByKeyAsync(purged.Records.Select(RoutingKey.HashOfRecord), (d, keys) => d.Forget(keys));

        // Journals and this silo's log rewritten without them; other silos' logs pass their next checkpoint, and replay drops them.
        await indexPartitions.AllAsync(p => p.Compact());
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Opt-out carried out: {Records} records purged, {Anchors} tokens refused from now on")]
    private static partial void LogOptedOut(ILogger logger, int records, int anchors);
}
