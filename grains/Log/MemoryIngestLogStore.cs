using System.Collections.Concurrent;

namespace Linkage.Log;

/// <summary>Ingest logs in process memory: for benchmarks and tests of the engine without storage.</summary>
public sealed class MemoryIngestLogStore : IIngestLogStore
{
    private readonly ConcurrentDictionary<string, MemoryLog> _logs = new(StringComparer.Ordinal);

    /// <summary>Bytes held, for the memory benchmark.</summary>
    public long Bytes => _logs.Values.Sum(l => { lock (l) return l.Segments.Values.Sum(s => s.Sum(a => (long)a.Length)); });

    public Task CreateAsync(string logId, string silo, CancellationToken cancellationToken = default)
    {
        _logs[logId] = new MemoryLog(silo);
        return Task.CompletedTask;
    }

    public Task AppendAsync(string logId, int segment, ReadOnlyMemory<byte> frames, CancellationToken cancellationToken = default)
    {
        var log = Log(logId);
        lock (log)
        {
            // A list of appends rather than one growing buffer: no copying the segment again on every append.
            if (!log.Segments.TryGetValue(segment, out var appends)) log.Segments[segment] = appends = [];
            appends.Add(frames.ToArray());
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<IngestLogInfo>> ListAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<IngestLogInfo>>([.. _logs.Select(l => new IngestLogInfo(l.Key, l.Value.Silo, l.Value.Checkpoint))]);

    public Task<IReadOnlyList<int>> ListSegmentsAsync(string logId, CancellationToken cancellationToken = default)
    {
        var log = Log(logId);
        lock (log) return Task.FromResult<IReadOnlyList<int>>([.. log.Segments.Keys]);
    }

    public Task<ReadOnlyMemory<byte>> ReadSegmentAsync(string logId, int segment, CancellationToken cancellationToken = default)
    {
        var log = Log(logId);
        lock (log)
        {
            if (!log.Segments.TryGetValue(segment, out var appends)) return Task.FromResult(ReadOnlyMemory<byte>.Empty);
            var data = new byte[appends.Sum(a => a.Length)];
            var offset = 0;
            foreach (var append in appends)
            {
                append.CopyTo(data, offset);
                offset += append.Length;
            }

            return Task.FromResult<ReadOnlyMemory<byte>>(data);
        }
    }

    public Task WriteCheckpointAsync(string logId, long checkpoint, CancellationToken cancellationToken = default)
    {
        var log = Log(logId);
        lock (log) log.Checkpoint = Math.Max(log.Checkpoint, checkpoint);
        return Task.CompletedTask;
    }

    public Task DeleteSegmentAsync(string logId, int segment, CancellationToken cancellationToken = default)
    {
        var log = Log(logId);
        lock (log) log.Segments.Remove(segment);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string logId, CancellationToken cancellationToken = default)
    {
        _logs.TryRemove(logId, out _);
        return Task.CompletedTask;
    }

    private MemoryLog Log(string logId) =>
        _logs.TryGetValue(logId, out var log) ? log : throw new InvalidOperationException($"log {logId} does not exist");

    private sealed class MemoryLog(string silo)
    {
        public string Silo { get; } = silo;

        public long Checkpoint { get; set; }

        public SortedDictionary<int, List<byte[]>> Segments { get; } = [];
    }
}
