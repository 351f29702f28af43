using Linkage.Engine;
using Linkage.Ingest;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Streams.Core;
using Orleans.Streams;

namespace Linkage.Streams;

/// <summary>
/// Consumes a feed stream through the ingest pipeline: a delivered message (the batches a publisher sent with one
/// <c>OnNextBatchAsync</c>) is acknowledged (this call returns) only after each of its batches is logged and applied. Delivery is at least once and unordered, which the record versions absorb (a
/// redelivered line is a duplicate); a batch that keeps failing for another reason than the engine being
/// unavailable is recorded as poison with its reason instead of being retried for ever.
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
    /// comes after its earlier one); one that fails has the whole message delivered again, and those already taken
    /// come back as duplicates.
    /// </summary>
    public async Task OnNextAsync(IList<SequentialItem<FeedBatch>> items)
    {
        foreach (var item in items) await DeliverAsync(item.Item);
    }

    private async Task DeliverAsync(FeedBatch batch)
    {
        var waited = TimeSpan.Zero;
        while (true)
        {
            try
            {
                await Process(batch);
                _attempts.Remove(batch.BatchId);
                return;
            }
            catch (EngineUnavailableException ex) when (waited < options.Value.RecoveryWait)
            {
                // Recovering or behind is not the batch's fault: wait and try again, uncounted.
                var wait = gate.IsOpen ? ex.RetryAfter : options.Value.RecoveryWait - waited;
                var clock = System.Diagnostics.Stopwatch.StartNew();
                if (!gate.IsOpen) await gate.WaitOpenAsync(wait);
                else await Task.Delay(wait);
                waited += clock.Elapsed;
            }
            catch (EngineUnavailableException ex)
            {
                LogBatchDeferred(logger, ex, batch.BatchId);
                throw;
            }
            catch (Exception ex)
            {
                await Poisoned(batch, ex);
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

    private async Task Process(FeedBatch batch)
    {
        var outcome = await pipeline.IngestAsync(batch.ReadLines(), batch.FirstLine);
        var rejected = batch.Rejected.IsDefaultOrEmpty ? outcome.Rejected : [.. batch.Rejected.Concat(outcome.Rejected).OrderBy(r => r.Line)];
        await Ledger().Record(new FeedBatchOutcome { BatchId = batch.BatchId, File = batch.File, Tally = outcome.Tally, Rejected = [.. rejected] });
    }

    private IFeedLedgerGrain Ledger() => GrainFactory.GetGrain<IFeedLedgerGrain>(Source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed batch {BatchId} failed (attempt {Attempt}); it will be redelivered")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string batchId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed batch {BatchId} deferred: the engine is unavailable; it will be redelivered")]
    private static partial void LogBatchDeferred(ILogger logger, Exception exception, string batchId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed batch {BatchId} recorded as poison after {Attempts} attempts")]
    private static partial void LogBatchPoisoned(ILogger logger, Exception exception, string batchId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed stream {Stream} reported an error")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string stream);
}
