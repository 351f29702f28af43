using System.Collections.Immutable;
using Linkage.Feeds;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Linkage.Ingest;

/// <summary>
/// Consumes a feed stream. Delivery is at least once and unordered, which the record versions
/// absorb (a redelivered line is a duplicate); a batch that keeps failing is recorded as poison
/// with its reason instead of being retried for ever.
/// </summary>
[ImplicitStreamSubscription(FeedStream.Namespace)]
public sealed partial class FeedConsumerGrain(Diagnostics.LinkageMetrics metrics, ILogger<FeedConsumerGrain> logger)
    : Grain, IFeedConsumerGrain, IStreamSubscriptionObserver, IAsyncObserver<FeedBatch>
{
    /// <summary>Deliveries of one batch before it is given up as poison.</summary>
    public const int MaxAttempts = 3;

    /// <summary>Record versions sent to a router at once.</summary>
    private const int RouteChunk = 500;

    private readonly Dictionary<string, int> _attempts = [];

    private string Source => FeedStream.SourceOf(this.GetPrimaryKeyString());

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory)
    {
        await handleFactory.Create<FeedBatch>().ResumeAsync(this);
    }

    public async Task OnNextAsync(FeedBatch batch, StreamSequenceToken? token = null)
    {
        try
        {
            await Process(batch);
            _attempts.Remove(batch.BatchId);
        }
        catch (Exception ex)
        {
            var attempts = _attempts.GetValueOrDefault(batch.BatchId) + 1;
            _attempts[batch.BatchId] = attempts;
            if (attempts < MaxAttempts)
            {
                LogBatchFailed(logger, ex, batch.BatchId, attempts);
                throw;
            }

            _attempts.Remove(batch.BatchId);
            LogBatchPoisoned(logger, ex, batch.BatchId, attempts);
            await Ledger().Record(new FeedBatchOutcome
            {
                BatchId = batch.BatchId,
                File = batch.File,
                Tally = default,
                Rejected = [],
                PoisonReason = $"batch of lines {batch.FirstLine}..{batch.FirstLine + batch.Lines.Length - 1} failed {attempts} times: {ex.GetType().Name}: {ex.Message}",
            });
        }
    }

    public Task OnCompletedAsync() => Task.CompletedTask;

    public Task OnErrorAsync(Exception ex)
    {
        LogStreamError(logger, ex, this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    private async Task Process(FeedBatch batch)
    {
        var events = ImmutableArray.CreateBuilder<FeedEvent>();
        var rejected = ImmutableArray.CreateBuilder<FeedRejection>();
        for (var i = 0; i < batch.Lines.Length; i++)
        {
            var line = batch.Lines[i];
            if (string.IsNullOrWhiteSpace(line)) continue;
            var result = FeedLineParser.Parse(line, batch.FirstLine + i);
            if (result.Event is { } e) events.Add(e);
            else if (result.Rejection is { } r) rejected.Add(r);
        }

        var tally = new IngestTally();
        var router = GrainFactory.GetGrain<IRecordRouterGrain>(0);
        foreach (var chunk in events.ToImmutable().Chunk(RouteChunk))
        {
            var routed = await router.Route([.. chunk]);
            metrics.Ingested(chunk, routed);
            tally += routed;
        }

        await Ledger().Record(new FeedBatchOutcome { BatchId = batch.BatchId, File = batch.File, Tally = tally, Rejected = rejected.ToImmutable() });
        metrics.Rejected(rejected, Source);
    }

    private IFeedLedgerGrain Ledger() => GrainFactory.GetGrain<IFeedLedgerGrain>(Source);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed batch {BatchId} failed (attempt {Attempt}); it will be redelivered")]
    private static partial void LogBatchFailed(ILogger logger, Exception exception, string batchId, int attempt);

    [LoggerMessage(Level = LogLevel.Error, Message = "Feed batch {BatchId} recorded as poison after {Attempts} attempts")]
    private static partial void LogBatchPoisoned(ILogger logger, Exception exception, string batchId, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Feed stream {Stream} reported an error")]
    private static partial void LogStreamError(ILogger logger, Exception exception, string stream);
}
