using Linkage.Diagnostics;
using Linkage.Engine;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Log;
using Microsoft.Extensions.Logging;

namespace Linkage.Recovery;

/// <summary>
/// Moves this silo's log checkpoint: takes the batches finished so far, has every grain they changed write its
/// snapshot, and only then records that the log is held up to there, deleting the segments behind. A silo lost
/// during the flush may have taken changes with it, so a checkpoint that saw membership change is not recorded; nor is
/// one while a silo is leaving (its grains may fail to write as they deactivate) or before the recovery from a silo's
/// death has replayed the logs, since that replay needs the entries the checkpoint would pass.
/// </summary>
public sealed partial class Checkpointer
{
    private readonly IngestLog log;
    private readonly TouchedComponents touched;
    private readonly SnapshotFlusher flusher;
    private readonly EngineGate gate;
    private readonly IClusterMembershipService membership;
    private readonly ILogger<Checkpointer> logger;

    public Checkpointer(
        IngestLog log, TouchedComponents touched, SnapshotFlusher flusher, EngineGate gate, IClusterMembershipService membership,
        LinkageMetrics metrics, ILogger<Checkpointer> logger)
    {
        (this.log, this.touched, this.flusher, this.gate, this.membership, this.logger) = (log, touched, flusher, gate, membership, logger);
        metrics.ObserveCheckpoints(() => touched.Count, () => log.LastSequence - log.Checkpoint);
    }

    /// <summary>Components waiting for the next checkpoint's flush (the snapshot backlog).</summary>
    public int Backlog => touched.Count;

    /// <summary>One checkpoint; false when there was nothing to do or it could not be recorded now.</summary>
    public async Task<bool> RunAsync(CancellationToken cancellationToken)
    {
        if (!gate.IsOpen) return false;
        var through = log.FinishedThrough;
        if (through <= log.Checkpoint && touched.Count == 0) return false;

        await membership.Refresh(cancellationToken: cancellationToken);
        var before = Statuses();
        if (!Settled(before))
        {
            LogCheckpointDeferred(logger, log.LogId, through);
            return false;
        }

        var components = touched.Take();
        try
        {
            LogFlushing(logger, log.LogId, through, components.Count);
            await flusher.FlushAsync(components, cancellationToken);
            await membership.Refresh(cancellationToken: cancellationToken);
            var after = Statuses();
            if (after.Count != before.Count || after.Any(s => !before.TryGetValue(s.Key, out var was) || was != s.Value) || !gate.IsOpen)
            {
                // A silo died meanwhile: its grains' flushes may have come from fresh activations that lost changes.
                LogCheckpointAbandoned(logger, log.LogId, through);
                touched.Return(components);
                return false;
            }

            await log.CheckpointAsync(through, cancellationToken);
            LogCheckpointed(logger, log.LogId, through, components.Count);
            return true;
        }
        catch (Exception ex)
        {
            // Cut short as the silo stops too: the final checkpoint flushes these, or they would wait for their deactivation
            // to write them, when a merged component can no longer reach its survivor to hand its records over durably.
            touched.Return(components);
            if (ex is OperationCanceledException) throw;
            LogCheckpointFailed(logger, ex, log.LogId, through);
            return false;
        }
    }

    private Dictionary<SiloAddress, SiloStatus> Statuses() =>
        membership.CurrentSnapshot.Members.Values.ToDictionary(m => m.SiloAddress, m => m.Status);

    /// <summary>No silo is leaving, and every dead one's loss was replayed before the gate opened.</summary>
    private bool Settled(Dictionary<SiloAddress, SiloStatus> statuses) =>
        statuses.All(s => s.Value is not (SiloStatus.ShuttingDown or SiloStatus.Stopping)
                          && (s.Value != SiloStatus.Dead || gate.RecoveredFrom.Contains(s.Key)));

    [LoggerMessage(Level = LogLevel.Information, Message = "Log {Log}: checkpoint at {Through}: flushing {Components} components")]
    private static partial void LogFlushing(ILogger logger, string log, long through, int components);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Log {Log}: checkpoint at {Through} after flushing {Components} components")]
    private static partial void LogCheckpointed(ILogger logger, string log, long through, int components);

    [LoggerMessage(Level = LogLevel.Information, Message = "Log {Log}: checkpoint at {Through} abandoned, membership changed during the flush")]
    private static partial void LogCheckpointAbandoned(ILogger logger, string log, long through);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Log {Log}: checkpoint at {Through} deferred: a silo is leaving, or the recovery from a silo's death has not run yet")]
    private static partial void LogCheckpointDeferred(ILogger logger, string log, long through);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log {Log}: checkpoint at {Through} failed; it is tried again")]
    private static partial void LogCheckpointFailed(ILogger logger, Exception exception, string log, long through);
}
