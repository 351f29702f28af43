using System.Collections.Concurrent;
using System.Globalization;

namespace Linkage.Storage;

/// <summary>Snapshots in process memory, as bytes (so an idle grain costs what its snapshot weighs): for benchmarks and tests.</summary>
public sealed class MemorySnapshotStore : ISnapshotStore
{
    private readonly ConcurrentDictionary<string, (byte[] Data, long Version)> _snapshots = new(StringComparer.Ordinal);
    private long _version;

    /// <summary>Bytes held, for the memory benchmark.</summary>
    public long Bytes => _snapshots.Values.Sum(s => (long)s.Data.Length);

    public int Count => _snapshots.Count;

    public Task<StoredSnapshot?> ReadAsync(string key, CancellationToken cancellationToken = default) =>
        Task.FromResult(_snapshots.TryGetValue(key, out var s) ? new StoredSnapshot(s.Data, ETag(s.Version)) : null);

    public Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken = default)
    {
        var version = Interlocked.Increment(ref _version);
        var entry = (data.ToArray(), version);
        if (etag is null)
        {
            if (!_snapshots.TryAdd(key, entry)) throw new SnapshotConflictException(key);
        }
        else if (!_snapshots.TryGetValue(key, out var current) || ETag(current.Version) != etag || !_snapshots.TryUpdate(key, entry, current))
        {
            throw new SnapshotConflictException(key);
        }

        return Task.FromResult(ETag(version));
    }

    public Task DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default)
    {
        _snapshots.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    private static string ETag(long version) => version.ToString(CultureInfo.InvariantCulture);
}
