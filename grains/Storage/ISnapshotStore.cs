namespace Linkage.Storage;

/// <summary>Snapshots of many small grains (components), written in batches with optimistic concurrency.</summary>
public interface ISnapshotStore
{
    /// <summary>The stored bytes and their ETag, or null when nothing is stored.</summary>
    Task<StoredSnapshot?> ReadAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores <paramref name="data"/> if what is stored still has <paramref name="etag"/> (null: nothing stored yet);
    /// returns the new ETag. Concurrent writes of different keys are committed together.
    /// </summary>
    /// <exception cref="SnapshotConflictException">Someone else wrote the snapshot meanwhile.</exception>
    Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken = default);

    Task DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default);
}
