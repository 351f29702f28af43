using Linkage.Engine;
using Linkage.Log;
using Linkage.Storage;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Linkage.Recovery;

/// <summary>
/// The cluster's recovery: when a silo is gone (killed, stopped, or a whole cluster restarted), the grains that lived
/// with it may have lost changes that only the logs hold (a stopping silo's grains write as they deactivate, but a
/// write can fail). It replays every log, the orphaned ones and those of the living silos (their batches reached the
/// lost grains too), from their checkpoints; then it deletes the orphaned logs.
/// </summary>
[Reentrant]
public sealed partial class RecoveryCoordinatorGrain(
    IIngestLogStore logs,
    LogReplayer replayer,
    IClusterMembershipService membership,
    ILogger<RecoveryCoordinatorGrain> logger) : Grain, IRecoveryCoordinatorGrain
{
    private Task<bool>? _running;
    private RecoveryReport _last = new() { Recoveries = 0, LogsReplayed = 0, EntriesReplayed = 0, EventsReplayed = 0 };

    /// <summary>The silos whose loss this activation has recovered; null before its first recovery.</summary>
    private HashSet<string>? _recoveredFrom;

    public async Task<RecoveryReport> EnsureRecovered(long membershipVersion)
    {
        await membership.Refresh(new MembershipVersion(membershipVersion));
        while (true)
        {
            // Callers that come while a recovery runs wait for it, then look again: a silo may have died meanwhile.
            var run = _running ??= RecoverOnceAsync();
            bool recovered;
            try
            {
                recovered = await run;
            }
            finally
            {
                if (_running == run) _running = null;
            }

            if (!recovered) return _last;
        }
    }

    /// <summary>Replays what needs it; false when nothing did.</summary>
    private async Task<bool> RecoverOnceAsync()
    {
        var snapshot = membership.CurrentSnapshot;
        var living = snapshot.Members.Values
            .Where(m => m.Status is not (SiloStatus.Dead or SiloStatus.None))
            .Select(m => m.SiloAddress.ToParsableString())
            .ToHashSet(StringComparer.Ordinal);
        var dead = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress.ToParsableString()).ToHashSet(StringComparer.Ordinal);
        var all = await logs.ListAsync();
        var orphans = all.Where(l => !living.Contains(l.Silo)).ToList();
        if (orphans.Count == 0 && _recoveredFrom is not null && dead.IsSubsetOf(_recoveredFrom)) return false;

        LogRecovering(logger, orphans.Count, all.Count - orphans.Count);
        var (entries, events) = await replayer.ReplayAsync(all, CancellationToken.None);
        foreach (var orphan in orphans) await logs.DeleteAsync(orphan.LogId);
        (_recoveredFrom ??= new HashSet<string>(StringComparer.Ordinal)).UnionWith(dead);

        _last = new RecoveryReport
        {
            Recoveries = _last.Recoveries + 1,
            LogsReplayed = all.Count,
            EntriesReplayed = entries,
            EventsReplayed = events,
            CompletedAt = DateTimeOffset.UtcNow,
        };
        LogRecovered(logger, all.Count, entries, events);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovering: {Orphans} logs whose silo is gone, {Living} of living silos")]
    private static partial void LogRecovering(ILogger logger, int orphans, int living);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Recovered: replayed {Logs} logs, {Entries} entries, {Events} record versions")]
    private static partial void LogRecovered(ILogger logger, int logs, long entries, long events);
}
