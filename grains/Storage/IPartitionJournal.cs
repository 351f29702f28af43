namespace Linkage.Storage;

/// <summary>
/// Journals of the few large, hot grains (key directory and index partitions): a base record, then the changes
/// since, appended at each flush; compaction starts a new journal from a fresh base.
/// </summary>
public interface IPartitionJournal
{
    /// <summary>The records of <paramref name="name"/> from its latest base on, in order (none for a new journal).</summary>
    Task<IReadOnlyList<ReadOnlyMemory<byte>>> ReadAsync(string name, CancellationToken cancellationToken = default);

    Task AppendAsync(string name, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default);

    /// <summary>Replaces the journal by <paramref name="baseRecord"/>: later reads start there.</summary>
    Task CompactAsync(string name, ReadOnlyMemory<byte> baseRecord, CancellationToken cancellationToken = default);
}
