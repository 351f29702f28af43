using System.Buffers;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Linkage.Diagnostics;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Partitions;
using Linkage.Storage;
using Linkage.Testing;
using Microsoft.Extensions.Logging;

namespace Linkage.Log;

/// <summary>
/// This silo process's ingest log: every batch's accepted record versions are appended here, concurrent batches
/// sharing one append, before they are applied. It tracks which batches are finished, so that a checkpoint can move
/// past every batch whose changes the snapshots hold, and deletes the segments behind the checkpoint.
/// </summary>
public sealed partial class IngestLog
{
    private readonly IIngestLogStore _store;
    private readonly LinkageMetrics _metrics;
    private readonly ILogger<IngestLog> _logger;
    private readonly CrashHook _crash;
    private readonly GroupCommit<LogEntry> _appends;
    private readonly AppendPriority? _priority;

    /// <summary>The frames of the commit under way, reused by the next (commits run one at a time): no large buffer per commit.</summary>
    private readonly ArrayBufferWriter<byte> _frames = new(1 << 20);
    private readonly SortedSet<long> _unfinished = [];
    private readonly SortedDictionary<int, long> _lastSequenceOfSegment = [];
    private readonly object _lock = new();
    private long _lastSequence;
    private int _segment;
    private double _latencyMs;
    private long _lastAppendAt;

    /// <summary>How long a latency estimate holds without appends; after that the next ingest is let through to measure again.</summary>
    private static readonly TimeSpan LatencyHolds = TimeSpan.FromSeconds(10);

    public IngestLog(IIngestLogStore store, ILocalSiloDetails silo, LinkageMetrics metrics, CrashHook crash, ILogger<IngestLog> logger, AppendPriority? priority = null)
    {
        _priority = priority;
        _store = store;
        _crash = crash;
        _metrics = metrics;
        _logger = logger;
        Silo = silo.SiloAddress.ToParsableString();
        LogId = $"{silo.SiloAddress.Endpoint.Address}-{silo.SiloAddress.Endpoint.Port}-{silo.SiloAddress.Generation}".Replace(':', '_');
        _appends = new GroupCommit<LogEntry>(CommitAsync, maxItems: 64);
    }

    /// <summary>The log's id in storage: this silo process's address and generation.</summary>
    public string LogId { get; }

    /// <summary>The writer as membership names it (<see cref="SiloAddress.ToParsableString"/>).</summary>
    public string Silo { get; }

    /// <summary>Every entry up to here is held by snapshots.</summary>
    public long Checkpoint { get; private set; }

    /// <summary>
    /// Average latency of recent appends, for backpressure; zero once no append has finished for a while, since ingests
    /// refused for a slow log make no appends that could show it recovered.
    /// </summary>
    public TimeSpan RecentAppendLatency =>
        Environment.TickCount64 - Volatile.Read(ref _lastAppendAt) > LatencyHolds.TotalMilliseconds
            ? TimeSpan.Zero
            : TimeSpan.FromMilliseconds(Volatile.Read(ref _latencyMs));

    /// <summary>Entries appended, finished or not.</summary>
    public long LastSequence
    {
        get
        {
            lock (_lock) return _lastSequence;
        }
    }

    /// <summary>The highest sequence number at and below which every entry is finished (applied, or failed and given back to its sender).</summary>
    public long FinishedThrough
    {
        get
        {
            lock (_lock) return _unfinished.Count == 0 ? _lastSequence : _unfinished.Min - 1;
        }
    }

    /// <summary>Registers the log in storage; appends fail until this is done.</summary>
    public Task StartAsync(CancellationToken cancellationToken) => _store.CreateAsync(LogId, Silo, cancellationToken);

    /// <summary>Appends a batch durably; its sequence number. The caller must <see cref="Finish"/> it, applied or not.</summary>
    public async Task<long> AppendAsync(ImmutableArray<FeedEvent> events, ImmutableArray<ulong> keys, ImmutableArray<ComponentId> components)
    {
        LogEntry entry;
        Task appended;
        lock (_lock)
        {
            entry = new LogEntry { Sequence = ++_lastSequence, Events = events, Keys = keys, Components = components };
            _unfinished.Add(entry.Sequence);

            // Submitted under the lock, so that the log holds entries in sequence order (a segment's last entry is its highest).
            appended = _appends.SubmitAsync(entry);
        }

        try
        {
            await appended;
            return entry.Sequence;
        }
        catch
        {
            Finish(entry.Sequence);
            throw;
        }
    }

    /// <summary>Marks a batch finished: applied and answered, or failed.</summary>
    public void Finish(long sequence)
    {
        lock (_lock) _unfinished.Remove(sequence);
    }

    /// <summary>
    /// Records that snapshots hold every entry up to <paramref name="through"/>, starts a new segment, and deletes the
    /// segments wholly behind the checkpoint.
    /// </summary>
    public async Task CheckpointAsync(long through, CancellationToken cancellationToken)
    {
        if (through <= Checkpoint) return;
        await _store.WriteCheckpointAsync(LogId, through, cancellationToken);
        Checkpoint = through;
        List<int> behind;
        lock (_lock)
        {
            // Later appends go to a new segment, so this one can go once the checkpoint passes its last entry.
            if (_lastSequenceOfSegment.ContainsKey(_segment)) _segment++;
            behind = [.. _lastSequenceOfSegment.Where(s => s.Key < _segment && s.Value <= through).Select(s => s.Key)];
        }

        if (behind.Count > 0) LogDeletingSegments(_logger, LogId, behind.Count, through);
        foreach (var segment in behind)
        {
            await _store.DeleteSegmentAsync(LogId, segment, cancellationToken);
            lock (_lock) _lastSequenceOfSegment.Remove(segment);
            _crash.Pass(CrashPoint.AfterSegmentsDeleted);
        }
    }

    /// <summary>Deletes the whole log: only after a final checkpoint past its last entry, with nothing in flight.</summary>
    public Task DeleteAsync(CancellationToken cancellationToken) => _store.DeleteAsync(LogId, cancellationToken);

    private async Task CommitAsync(IReadOnlyList<LogEntry> entries)
    {
        // Each entry is written in place behind its frame header, which is filled in after.
        var frames = _frames;
        frames.ResetWrittenCount();
        foreach (var entry in entries)
        {
            var start = frames.WrittenCount;
            frames.GetSpan(LogFrames.HeaderBytes);
            frames.Advance(LogFrames.HeaderBytes);
            entry.WriteTo(frames);
            LogFrames.Seal(MemoryMarshal.AsMemory(frames.WrittenMemory).Span[start..]);
        }

        int segment;
        lock (_lock)
        {
            segment = _segment;
            // Before the write, so that a checkpoint meanwhile cannot delete the segment under it; the highest sequence
            // it holds, or a checkpoint below an entry of it would delete that entry.
            _lastSequenceOfSegment[segment] = Math.Max(_lastSequenceOfSegment.GetValueOrDefault(segment), entries.Max(e => e.Sequence));
        }

        var clock = Stopwatch.StartNew();
        using (_priority?.Append())
        {
            await _store.AppendAsync(LogId, segment, frames.WrittenMemory);
        }

        _crash.Pass(CrashPoint.AfterLogAppend);
        _metrics.LogAppended(clock.Elapsed);
        var ms = clock.Elapsed.TotalMilliseconds;
        Volatile.Write(ref _latencyMs, _latencyMs * 0.8 + ms * 0.2);
        Volatile.Write(ref _lastAppendAt, Environment.TickCount64);
        LogAppended(_logger, LogId, entries.Count, frames.WrittenCount, ms);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Log {Log}: deleting {Segments} segments behind the checkpoint at {Through}")]
    private static partial void LogDeletingSegments(ILogger logger, string log, int segments, long through);

    [LoggerMessage(Level = LogLevel.Trace, Message = "Log {Log}: appended {Entries} entries ({Bytes} bytes) in {Milliseconds:0.0} ms")]
    private static partial void LogAppended(ILogger logger, string log, int entries, int bytes, double milliseconds);
}
