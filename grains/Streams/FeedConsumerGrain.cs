using System.Collections.Immutable;
using Linkage.Engine;
using Linkage.Ingest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams.Core;
using Orleans.Streams;

namespace Linkage.Streams;

/// <summary>
/// Consumes a feed stream through the ingest pipeline: a delivered message (the batches a publisher sent with one
/// <c>OnNextBatchAsync</c>) is acknowledged (this call returns) only after each of its batches is logged and applied.
/// A message's batches take one pass through the pipeline (one resolve and one log append for all of them) and one
/// ledger append, each batch still counted under its own id. Delivery is at least once and unordered, which the record
/// versions absorb (a redelivered line is a duplicate); a batch that keeps failing for another reason than the engine
/// being unavailable is recorded as poison with its reason instead of being retried for ever (a message that fails is
/// taken batch by batch to find it).
/// </summary>
[ImplicitStreamSubscription(FeedStream.Namespace)]
public sealed partial class FeedConsumerGrain(
    IngestPipeline pipeline, EngineGate gate, IOptions<LinkageEngineOptions> options, ILogger<FeedConsumerGrain> logger)
    : Grain, IFeedConsumerGrain, IStreamSubscriptionObserver, IAsyncBatchObserver<FeedBatch>
{
    /// <summary>Deliveries of one batch before it is given up as poison.</summary>
    public const int MaxAttempts = 3;

    private readonly Dictionary<string, int> _attempts = [];

    private string Source => FeedStream.SourceOf(this.GetPrimaryKeyString());

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<FeedBatch>().ResumeAsync(this);
    }

    /// <summary>
    /// The batches of one message, in the order the publisher sent them (so that a later version in the same file
    /// comes after its earlier one), in one pass. When the pass fails, the batches it took completely are recorded
    /// all the same (their lines are logged and applied), and the others are tried again: together while the engine is
    /// only unavailable, one by one when something else fails, so that only a failing batch counts attempts and becomes
    /// poison in the end. A message delivered again after a failure brings those already recorded back as redeliveries.
    /// </summary>
    public async Task OnNextAsync(IList<SequentialItem<FeedBatch>> items)
    {
        var pending = items.Select(i => i.Item).ToList();
        if (pending.Count == 1)
        {
            await DeliverAsync(pending);
            return;
        }

        try
        {
            await DeliverAsync(pending, whole: true);
        }
        catch (Exception ex) when (ex is not EngineUnavailableException)
        {
            LogMessageFailed(logger, ex, pending.Count);
            foreach (var batch in pending.ToList()) await DeliverAsync([batch]);
        }
    }

    /// <summary>Takes <paramref name="pending"/>, removing each batch from it as it is recorded.</summary>
    /// <param name="whole">Several batches taken together: a failure other than the engine being unavailable goes to the caller, uncounted.</param>
    private async Task DeliverAsync(List<FeedBatch> pending, bool whole = false)
    {
        var waited = TimeSpan.Zero;
        while (pending.Count > 0)
        {
            try
            {
                await Process(pending);
                return;
            }
            catch (EngineUnavailableException ex) when (waited < options.Value.RecoveryWait)
            {
                // Recovering or behind is not the batch's fault: wait and try again, uncounted.
                if (pending.Count == 0) return;
                var wait = gate.IsOpen ? ex.RetryAfter : options.Value.RecoveryWait - waited;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                if (!gate.IsOpen) await gate.WaitOpenAsync(wait);
                else await Task.Delay(wait);
                waited += clock.Elapsed;
            }
            catch (EngineUnavailableException ex)
            {
                if (pending.Count == 0) return;
                LogBatchDeferred(logger, ex, pending[0].BatchId);
                throw;
            }
            catch (Exception ex) when (!whole)
            {
                if (pending.Count == 0) return;
                await Poisoned(pending[0], ex);
                return;
            }
        }
    }

    /// <summary>Lets the delivery fail (it comes again) until the batch has failed <see cref="MaxAttempts"/> times, then records it as poison.</summary>
    private async Task Poisoned(FeedBatch batch, Exception ex)
    {
        var attempts = _attempts.GetValueOrDefault(batch.BatchId) + 1;
        _attempts[batch.BatchId] = attempts;
        if (attempts < MaxAttempts)
        {
            LogBatchFailed(logger, ex, batch.BatchId, attempts);
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex);
        }

        _attempts.Remove(batch.BatchId);
        LogBatchPoisoned(logger, ex, batch.BatchId, attempts);
        await Ledger().Record(new FeedBatchOutcome
        {
            BatchId = batch.BatchId,
            File = batch.File,
            Tally = default,
            Rejected = [],
            PoisonReason = $"batch of lines {batch.FirstLine}..{batch.FirstLine + batch.LineCount - 1} failed {attempts} times: {ex.GetType().Name}: {ex.Message}",
        });
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(logger, ex, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    /// <summary>
    /// The batches' lines in one pass through the pipeline, then their outcomes in one ledger append; each batch recorded
    /// leaves <paramref name="pending"/>. If the pass fails, those it took completely are recorded before the failure goes on.
    /// </summary>
    private async Task Process(List<FeedBatch> pending)
    {
        var split = new BatchParts(pending.Count);
        try
        {
            await pipeline.IngestAsync([.. pending.Select(b => ((IReadOnlyList<string>)b.ReadLines(), b.FirstLine))], split);
        }
        catch (Exception)
        {
            var complete = Enumerable.Range(0, pending.Count).Where(split.IsComplete).ToList();
            if (complete.Count > 0) await Record(pending, split, complete);
            throw;
        }

        await Record(pending, split, [.. Enumerable.Range(0, pending.Count)]);
    }

    /// <summary>Records the outcomes of the batches of <paramref name="pending"/> at <paramref name="parts"/> in one ledger append, and lets them go.</summary>
    private async Task Record(List<FeedBatch> pending, BatchParts split, List<int> parts)
    {
        var outcomes = ImmutableArray.CreateBuilder<FeedBatchOutcome>(parts.Count);
        foreach (var part in parts)
        {
            var (batch, answer) = (pending[part], split.Answer(part));
            var rejected = batch.Rejected.IsDefaultOrEmpty ? answer.Rejected : [.. batch.Rejected.Concat(answer.Rejected).OrderBy(r => r.Line)];
            outcomes.Add(new FeedBatchOutcome { BatchId = batch.BatchId, File = batch.File, Tally = answer.Tally, Rejected = [.. rejected] });
        }

        await Ledger().RecordAll(outcomes.MoveToImmutable());
        var recorded = parts.Select(p => pending[p]).ToList();
        foreach (var batch in recorded)
        {
            _attempts.Remove(batch.BatchId);
            pending.Remove(batch);
        }
    }

    private IFeedLedgerGrain Ledger() => GrainFactory.GetGrain<IFeedLedgerGrain>(Source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A feed message of {Batches} batches failed as a whole; its batches are taken one by one")]
    private static partial void LogMessageFailed(ILogger logger, Exception exception, int batches);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed batch {BatchId} failed (attempt {Attempt}); it will be redelivered")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string batchId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed batch {BatchId} deferred: the engine is unavailable; it will be redelivered")]
    private static partial void LogBatchDeferred(ILogger logger, Exception exception, string batchId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed batch {BatchId} recorded as poison after {Attempts} attempts")]
    private static partial void LogBatchPoisoned(ILogger logger, Exception exception, string batchId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed stream {Stream} reported an error")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string stream);
}
