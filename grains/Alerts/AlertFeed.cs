using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;

namespace Linkage.Alerts;

/// <summary>
/// Reading the alert log from a silo: every alert after a position (the list), or every alert after it and then each
/// one as it is appended (the stream), woken by the log (<see cref="IAlertLogGrain.WaitAfter"/>), never by polling.
/// </summary>
public sealed partial class AlertFeed(IGrainFactory grains, TimeProvider clock, ILogger<AlertFeed> logger)
{
    private const int PageSize = 500;

    /// <summary>How long one wait of a reader lasts before it asks again (well inside a grain call's timeout).</summary>
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    /// <summary>After a failed read (the log's silo left, storage is away) a reader asks again this much later.</summary>
    private static readonly TimeSpan Retry = TimeSpan.FromMilliseconds(200);

    private IAlertLogGrain Log => AlertLog.Of(grains);

    /// <summary>The position of the last alert taken before <paramref name="since"/>.</summary>
    public Task<long> PositionBeforeAsync(DateTimeOffset since) => Log.PositionBefore(since);

    /// <summary>Every alert after <paramref name="after"/> that the log holds now, oldest first.</summary>
    public async Task<IReadOnlyList<LoggedAlert>> ReadAsync(long after, CancellationToken cancellationToken)
    {
        var alerts = new List<LoggedAlert>();
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await Log.Read(after, PageSize);
            alerts.AddRange(page.Alerts);
            if (page.Alerts.IsEmpty || page.Alerts[^1].Position >= page.Length) return alerts;
            after = page.Alerts[^1].Position;
        }
    }

    /// <summary>Every alert after <paramref name="after"/>, then each one as it is appended, until cancelled; none twice, none left out.</summary>
    public async IAsyncEnumerable<LoggedAlert> FollowAsync(long after, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            AlertPage page;
            try
            {
                page = await Log.WaitAfter(after, PageSize, Wait).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                yield break;
            }
            catch (Exception ex)
            {
                LogReadFailed(logger, ex, after);
                try
                {
                    await Task.Delay(Retry, clock, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    yield break;
                }

                continue;
            }

            foreach (var alert in page.Alerts)
            {
                yield return alert;
                after = alert.Position;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert stream: reading after {Position} failed; asking again")]
    private static partial void LogReadFailed(ILogger logger, Exception exception, long position);
}
