namespace Linkage.Log;

/// <summary>
/// Durable storage of ingest logs: one log per silo process, written in segments of framed entries, with a
/// checkpoint below which every entry is held by snapshots.
/// </summary>
public interface IIngestLogStore
{
    /// <summary>Registers a new, empty log written by <paramref name="silo"/>.</summary>
    Task CreateAsync(string logId, string silo, CancellationToken cancellationToken = default);

    /// <summary>Appends framed entries to a segment of the log (creating the segment on its first append).</summary>
    Task AppendAsync(string logId, int segment, ReadOnlyMemory<byte> frames, CancellationToken cancellationToken = default);

    /// <summary>Every log in storage with its writer and checkpoint.</summary>
    Task<IReadOnlyList<IngestLogInfo>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The segments of a log, ascending.</summary>
    Task<IReadOnlyList<int>> ListSegmentsAsync(string logId, CancellationToken cancellationToken = default);

    /// <summary>A segment's bytes (whole frames, perhaps a torn one at its end).</summary>
    Task<ReadOnlyMemory<byte>> ReadSegmentAsync(string logId, int segment, CancellationToken cancellationToken = default);

    /// <summary>Records that every entry up to <paramref name="checkpoint"/> is held by snapshots.</summary>
    Task WriteCheckpointAsync(string logId, long checkpoint, CancellationToken cancellationToken = default);

    Task DeleteSegmentAsync(string logId, int segment, CancellationToken cancellationToken = default);

    /// <summary>Deletes the log, its segments and its checkpoint.</summary>
    Task DeleteAsync(string logId, CancellationToken cancellationToken = default);
}
