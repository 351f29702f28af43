using Linkage.Diagnostics;
using Linkage.Hosting;
using Linkage.Ingest;
using Linkage.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Linkage.Streams;

/// <summary>
/// Reads the feed stream queues' depth and the age of their oldest message for <see cref="LinkageMetrics"/>.
/// Storage has no event for either, so it asks every few seconds; a failed reading keeps the previous one.
/// </summary>
public sealed partial class FeedQueueProbe(
    StorageAccount account,
    IOptions<LinkageStreamOptions> streams,
    LinkageMetrics metrics,
    TimeProvider clock,
    ILogger<FeedQueueProbe> logger) : BackgroundService
{
    /// <summary>Time between readings.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var queues = ClusterNames.FeedQueues(account.Prefix, streams.Value.Queues);
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            foreach (var name in queues)
            {
                try
                {
                    var queue = account.Queues.GetQueueClient(name);
                    var properties = await queue.GetPropertiesAsync(stoppingToken);
                    var oldest = (await queue.PeekMessagesAsync(maxMessages: 1, stoppingToken)).Value.FirstOrDefault();
                    var age = oldest?.InsertedOn is { } inserted ? clock.GetUtcNow() - inserted : TimeSpan.Zero;
                    metrics.FeedQueueObserved(name, new FeedQueueObservation(properties.Value.ApproximateMessagesCount, age < TimeSpan.Zero ? TimeSpan.Zero : age));
                }
                catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
                {
                    LogProbeFailed(logger, ex, name);
                }
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Feed queue {Queue} could not be read for metrics")]
    private static partial void LogProbeFailed(ILogger logger, Exception exception, string queue);
}
