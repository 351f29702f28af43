using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Linkage.Client.Http;

namespace Linkage.Bench;

/// <summary>
/// The alert stream (<c>GET /api/v1/alerts/stream</c>, Server-Sent Events, read with <see cref="LinkageApiClient.FollowAlertsAsync"/>)
/// as a subscriber reads it: every event stamped (<see cref="Stopwatch.GetTimestamp"/>) the moment the parser hands it
/// over, and the first alert of each key kept for whoever waits on it.
/// </summary>
public sealed class AlertStreamListener : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<ArrivedAlert>> _first = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reading;
    private volatile Exception? _ended;

    /// <summary>Follows the whole log from its start (a fresh storage prefix: nothing is skipped, however late the stream opens).</summary>
    public AlertStreamListener(LinkageApiClient authority) => _reading = Task.Run(() => ReadAsync(authority));

    /// <summary>An alert as it arrived: when (a stopwatch timestamp) and its JSON.</summary>
    public sealed record ArrivedAlert(long At, JsonElement Alert);

    /// <summary>What a sample waits for: a monitor's first alert, or an indicator's first alert of one detector.</summary>
    public static string KeyOf(JsonElement alert) =>
        alert.GetProperty("source").GetString() == "safety"
            ? MonitorKey(alert.GetProperty("monitor").GetString()!)
            : IndicatorKey(alert.GetProperty("indicator").GetString()!, alert.GetProperty("detector").GetString()!);

    public static string MonitorKey(string monitor) => "monitor " + monitor;

    public static string IndicatorKey(string indicator, string detector) => $"indicator {indicator} {detector}";

    /// <summary>The first alert of <paramref name="key"/>, whether it came already or comes later; fails if the stream ends first.</summary>
    public Task<ArrivedAlert> FirstAsync(string key)
    {
        var waiter = Waiter(key);
        if (_ended is { } ended) waiter.TrySetException(ended);
        return waiter.Task;
    }

    private TaskCompletionSource<ArrivedAlert> Waiter(string key) =>
        _first.GetOrAdd(key, _ => new TaskCompletionSource<ArrivedAlert>(TaskCreationOptions.RunContinuationsAsynchronously));

    private async Task ReadAsync(LinkageApiClient authority)
    {
        Exception ended = new EndOfStreamException("the alert stream ended");
        try
        {
            await foreach (var item in authority.FollowAlertsAsync(cancellationToken: _stop.Token))
            {
                var at = Stopwatch.GetTimestamp();
                var alert = JsonDocument.Parse(item.Data).RootElement.Clone();
                Waiter(KeyOf(alert)).TrySetResult(new ArrivedAlert(at, alert));
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            ended = new OperationCanceledException("the alert stream was closed");
        }
        catch (Exception ex)
        {
            ended = ex;
        }

        // Whoever waits, now or later, learns why nothing more will come.
        _ended = ended;
        foreach (var waiter in _first.Values) waiter.TrySetException(ended);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _reading;
        _stop.Dispose();
    }
}
