using System.Collections.Immutable;
using Linkage.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using Orleans.Storage;

namespace Linkage.Alerts;

/// <summary>
/// The alert log: alerts in segments of <see cref="SegmentSize"/>, each a grain state of Linkage's state storage
/// (<see cref="LinkageStorage.State"/>), so that no stored state grows without bound. An append rewrites only the tail
/// segment; one write is atomic, so a crash leaves the log as it was or with a prefix of an append (whose caller got an
/// error and appends again: the repeat is dropped by (id, version)). The whole log is read into memory when the grain
/// activates, which also rebuilds the latest version of each alert id. Reentrant, so that readers waiting for the log
/// to grow (<see cref="WaitAfter"/>) never hold an append up; appends take turns among themselves.
/// </summary>
[Reentrant]
public sealed partial class AlertLogGrain(TimeProvider clock, ILogger<AlertLogGrain> logger) : Grain, IAlertLogGrain
{
    /// <summary>Alerts per stored segment: a few hundred bytes each keeps a segment far below an entity's 1 MiB.</summary>
    public const int SegmentSize = 500;

    private readonly List<LoggedAlert> _log = [];
    private readonly Dictionary<string, int> _latest = new(StringComparer.Ordinal);
    private readonly List<GrainState<AlertLogSegment>> _segments = [];
    private IGrainStorage _storage = null!;
    private readonly SemaphoreSlim _appending = new(1, 1);
    private TaskCompletionSource _grown = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(LinkageStorage.State);
        while (true)
        {
            var segment = new GrainState<AlertLogSegment>(new AlertLogSegment());
            await _storage.ReadStateAsync(SegmentName(_segments.Count), this.GetGrainId(), segment);
            if (!segment.RecordExists) break;
            _segments.Add(segment);
            foreach (var alert in segment.State!.Alerts) Take(alert);
            if (segment.State.Alerts.Count < SegmentSize) break;
        }

        LogLoaded(logger, _log.Count, _segments.Count);
    }

    public async Task<ImmutableArray<LoggedAlert>> Append(ImmutableArray<Alert> alerts)
    {
        await _appending.WaitAsync();
        try
        {
            return await AppendInTurnAsync(alerts);
        }
        finally
        {
            _appending.Release();
        }
    }

    private async Task<ImmutableArray<LoggedAlert>> AppendInTurnAsync(ImmutableArray<Alert> alerts)
    {
        var at = _log.Count == 0 ? clock.GetUtcNow() : Max(clock.GetUtcNow(), _log[^1].Alert.At);
        var fresh = new List<Alert>();
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var alert in alerts)
        {
            var latest = versions.TryGetValue(alert.Id, out var v) ? v : _latest.GetValueOrDefault(alert.Id);
            if (alert.Version <= latest) continue;
            versions[alert.Id] = alert.Version;
            fresh.Add(alert with { At = at });
        }

        if (fresh.Count == 0) return [];
        try
        {
            await StoreAsync(fresh);
        }
        catch (Exception ex)
        {
            // What storage holds is unknown now: the next call reloads it.
            LogStoreFailed(logger, ex, fresh.Count);
            DeactivateOnIdle();
            throw;
        }

        var appended = fresh.Select(Take).ToImmutableArray();
        var grown = _grown;
        _grown = new(TaskCreationOptions.RunContinuationsAsynchronously);
        grown.TrySetResult();
        return appended;
    }

    public Task<AlertPage> Read(long after, int max) => Task.FromResult(Page(after, max));

    public Task<long> PositionBefore(DateTimeOffset since)
    {
        // At is non-decreasing along the log: the first alert taken at or after `since` is found by bisection.
        var (lo, hi) = (0, _log.Count);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (_log[mid].Alert.At < since) lo = mid + 1;
            else hi = mid;
        }

        return Task.FromResult((long)lo);
    }

    public async Task<AlertPage> WaitAfter(long after, int max, TimeSpan wait)
    {
        if (after >= _log.Count)
        {
            try
            {
                await _grown.Task.WaitAsync(wait, clock);
            }
            catch (TimeoutException)
            {
                // Nothing new within the wait: an empty page, and the reader asks again.
            }
        }

        return Page(after, max);
    }

    private AlertPage Page(long after, int max)
    {
        var from = (int)Math.Clamp(after, 0, _log.Count);
        var count = Math.Min(Math.Max(max, 0), _log.Count - from);
        return new AlertPage([.. _log.Skip(from).Take(count)], _log.Count);
    }

    private LoggedAlert Take(Alert alert)
    {
        var logged = new LoggedAlert(_log.Count + 1, alert);
        _log.Add(logged);
        _latest[alert.Id] = Math.Max(alert.Version, _latest.GetValueOrDefault(alert.Id));
        return logged;
    }

    /// <summary>Writes <paramref name="fresh"/> into the tail segment, and into new ones when it fills.</summary>
    private async Task StoreAsync(List<Alert> fresh)
    {
        var pending = fresh.AsEnumerable();
        while (pending.Any())
        {
            if (_segments.Count == 0 || _segments[^1].State!.Alerts.Count >= SegmentSize) _segments.Add(new GrainState<AlertLogSegment>(new AlertLogSegment()));
            var tail = _segments[^1];
            var room = SegmentSize - tail.State!.Alerts.Count;
            var before = tail.State;
            tail.State = new AlertLogSegment { Alerts = [.. before.Alerts, .. pending.Take(room)] };
            try
            {
                await _storage.WriteStateAsync(SegmentName(_segments.Count - 1), this.GetGrainId(), tail);
            }
            catch
            {
                tail.State = before;
                throw;
            }

            pending = pending.Skip(room).ToList();
        }
    }

    private static string SegmentName(int segment) => "alerts-" + segment.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert log loaded: {Alerts} alerts in {Segments} segments")]
    private static partial void LogLoaded(ILogger logger, int alerts, int segments);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert log: {Alerts} alerts could not be stored; the log reloads from storage")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, int alerts);
}
