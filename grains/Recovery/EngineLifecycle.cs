using Linkage.Engine;
using Linkage.Ingest;
using Linkage.Linking;
using Linkage.Log;
using Linkage.People;
using Linkage.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linkage.Recovery;

/// <summary>
/// Starts and stops this silo's part of the engine: registers its log, keeps the gate closed until the cluster has
/// recovered (at start, and whenever a silo dies), moves the checkpoint on a timer, and on a graceful stop takes a
/// last checkpoint so that nothing is left to replay.
/// </summary>
public sealed partial class EngineLifecycle(
    IngestLog log,
    EngineGate gate,
    Checkpointer checkpointer,
    ComponentForwards forwards,
    IngestPipeline pipeline,
    TouchedComponents touched,
    SnapshotFlusher flusher,
    CrashHook crash,
    IGrainFactory grains,
    IClusterMembershipService membership,
    IOptions<LinkageEngineOptions> options,
    ILogger<EngineLifecycle> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _recoveryNeeded = new(0);
    private Task _loops = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(EngineLifecycle), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    private async Task StartAsync(CancellationToken cancellationToken)
    {
        await log.StartAsync(cancellationToken);
        _recoveryNeeded.Release();
        _loops = Task.WhenAll(
            Task.Run(() => RecoverLoopAsync(_stopping.Token)),
            Task.Run(() => WatchMembershipAsync(_stopping.Token)),
            Task.Run(() => CheckpointLoopAsync(_stopping.Token)));
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        gate.Close("the silo is stopping");
        _stopping.Cancel();

        // Killed by an in-process test cluster: a dead process lets nothing finish and flushes nothing.
        if (crash.Killed) return;
        await _loops.ContinueWith(_ => { }, TaskScheduler.Default);

        // Let batches under way finish, then make the snapshots hold everything this log holds.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (pipeline.EventsInFlight > 0 && DateTime.UtcNow < deadline) await Task.Delay(50, CancellationToken.None);
        try
        {
            var through = log.FinishedThrough;

            // Nothing since the last checkpoint: no flush, so a stop with storage gone does not wait on every partition.
            if (through > log.Checkpoint || touched.Count > 0)
            {
                await flusher.FlushAsync(touched.Take(), cancellationToken);
                await log.CheckpointAsync(through, cancellationToken);
            }

            if (through == log.LastSequence && pipeline.EventsInFlight == 0) await log.DeleteAsync(cancellationToken);
            LogStoppedCleanly(logger, log.LogId);
        }
        catch (Exception ex)
        {
            // The log stays: the next recovery replays it.
            LogFinalCheckpointFailed(logger, ex, log.LogId);
        }
    }

    private async Task RecoverLoopAsync(CancellationToken cancellationToken)
    {
        var coordinator = grains.GetGrain<IRecoveryCoordinatorGrain>(0);
        while (!cancellationToken.IsCancellationRequested)
        {
            await _recoveryNeeded.WaitAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    // The coordinator recovers at least what this snapshot shows dead.
                    var snapshot = membership.CurrentSnapshot;
                    await coordinator.EnsureRecovered(snapshot.Version.Value);
                    gate.Open(snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet());
                    LogOpen(logger, log.LogId);
                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    LogRecoveryWait(logger, ex);
                    await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
                }
            }
        }
    }

    private async Task WatchMembershipAsync(CancellationToken cancellationToken)
    {
        var dead = membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress).ToHashSet();
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
        {
            var lost = snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && !dead.Contains(m.SiloAddress)).Select(m => m.SiloAddress).ToList();
            if (lost.Count == 0) continue;
            dead.UnionWith(lost);

            // What was lost with that silo comes back only through the logs: no ingest until they are replayed.
            gate.Close($"the cluster is recovering from the loss of silo {string.Join(", ", lost)}");
            forwards.Clear();
            LogSiloLost(logger, string.Join(", ", lost));
            _recoveryNeeded.Release();
        }
    }

    private async Task CheckpointLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Value.CheckpointInterval);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            await checkpointer.RunAsync(cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Log {Log}: the cluster has recovered; ingest is open")]
    private static partial void LogOpen(ILogger logger, string log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Waiting for the cluster's recovery")]
    private static partial void LogRecoveryWait(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} is dead: ingest closes until the logs are replayed")]
    private static partial void LogSiloLost(ILogger logger, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Log {Log}: final checkpoint written; nothing is left to replay")]
    private static partial void LogStoppedCleanly(ILogger logger, string log);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Log {Log}: the final checkpoint failed; the log is replayed at the next recovery")]
    private static partial void LogFinalCheckpointFailed(ILogger logger, Exception exception, string log);
}
