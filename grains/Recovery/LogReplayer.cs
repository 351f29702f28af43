using System.Collections.Immutable;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Log;
using Linkage.Partitions;
using Linkage.People;
using Linkage.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linkage.Recovery;

/// <summary>
/// Recovery's work: reads the logs past their checkpoints, gives the key directory back every resolution they hold,
/// applies every entry again through the normal path (replay is idempotent: versions already held are duplicates),
/// merges components that a lost directory entry split, and writes the snapshots of all it touched.
/// </summary>
public sealed partial class LogReplayer(
    IngestLogReader reader,
    BatchRouter router,
    SnapshotFlusher flusher,
    PartitionGrains<IKeyDirectoryGrain> keyPartitions,
    ILogger<LogReplayer> logger)
{
    public async Task<(int Entries, long Events)> ReplayAsync(IReadOnlyList<IngestLogInfo> logs, CancellationToken cancellationToken)
    {
        var entriesOfLog = new List<(IngestLogInfo Log, List<LogEntry> Entries)>();
        foreach (var log in logs) entriesOfLog.Add((log, await reader.ReadAsync(log, cancellationToken)));
        var all = entriesOfLog.SelectMany(l => l.Entries).ToList();
        LogReplaying(logger, logs.Count, all.Count);
        var optedOut = await OptedOutTokensAsync(all);

        var touched = new TouchedComponents();
        foreach (var (a, b) in await RestoreDirectoryAsync(all))
        {
            await router.UniteAsync(a, b, touched);
        }

        long events = 0;
        foreach (var (_, entries) in entriesOfLog)
        {
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var components = new Dictionary<ulong, ComponentId>(entry.Keys.Length);
                for (var i = 0; i < entry.Keys.Length; i++) components[entry.Keys[i]] = entry.Components[i];

                // What was logged before an opt-out never comes back.
                var kept = optedOut.Count == 0 ? entry.Events : OptOutRule.Keep(entry.Events, optedOut);
                await router.ApplyAsync(kept, components, ApplyMode.Replay, touched);
                events += kept.Length;
            }
        }

        await flusher.FlushAsync(touched.Take(), cancellationToken);
        return (all.Count, events);
    }

    /// <summary>The tokens of the logged events that the key directory marks as opted out.</summary>
    private async Task<Dictionary<ulong, ComponentId>> OptedOutTokensAsync(List<LogEntry> entries)
    {
        var tokens = entries.SelectMany(e => e.Events).SelectMany(e => e.Subject.Tokens()).Select(RoutingKey.HashOfToken);
        var found = await keyPartitions.ByKeyAsync(tokens, async (directory, keys) =>
        {
            var components = await directory.Find(keys);
            return keys.Zip(components).Where(k => k.Second == ComponentId.OptedOut).Select(k => k.First);
        });
        return found.SelectMany(f => f).ToDictionary(k => k, _ => ComponentId.OptedOut);
    }

    /// <summary>
    /// Gives each logged key its logged component unless the directory still has one; pairs of components where it
    /// has another, so that both (each holding records routed by that key) become one.
    /// </summary>
    private async Task<List<(ComponentId, ComponentId)>> RestoreDirectoryAsync(List<LogEntry> entries)
    {
        var loggedAs = new Dictionary<ulong, HashSet<ComponentId>>();
        foreach (var entry in entries)
        {
            for (var i = 0; i < entry.Keys.Length; i++)
            {
                if (!loggedAs.TryGetValue(entry.Keys[i], out var components)) loggedAs[entry.Keys[i]] = components = [];
                components.Add(entry.Components[i]);
            }
        }

        var unions = new List<(ComponentId, ComponentId)>();
        await keyPartitions.ByKeyAsync(loggedAs.Keys, async (directory, keys) =>
        {
            var logged = keys.Select(k => loggedAs[k].Min()).ToImmutableArray();
            var held = await directory.Restore(keys, logged);
            lock (unions)
            {
                for (var i = 0; i < keys.Length; i++)
                {
                    if (held[i] == ComponentId.OptedOut) continue;
                    foreach (var component in loggedAs[keys[i]].Append(logged[i]))
                    {
                        if (component != held[i]) unions.Add((component, held[i]));
                    }
                }
            }
        });

        if (unions.Count > 0) LogUnions(logger, unions.Count);
        return unions;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {Logs} logs: {Entries} entries past their checkpoints")]
    private static partial void LogReplaying(ILogger logger, int logs, int entries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovery found {Unions} keys whose records sit in two components; they are merged")]
    private static partial void LogUnions(ILogger logger, int unions);
}
