using System.Collections.Concurrent;

namespace Linkage.Storage;

/// <summary>Partition journals in process memory: for benchmarks and tests.</summary>
public sealed class MemoryPartitionJournal : IPartitionJournal
{
    private readonly ConcurrentDictionary<string, List<byte[]>> _journals = new(StringComparer.Ordinal);

    public long Bytes => _journals.Values.Sum(j => { lock (j) return j.Sum(r => (long)r.Length); });

    public Task<IReadOnlyList<ReadOnlyMemory<byte>>> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        var journal = Journal(name);
        lock (journal) return Task.FromResult<IReadOnlyList<ReadOnlyMemory<byte>>>([.. journal.Select(r => (ReadOnlyMemory<byte>)r)]);
    }

    public Task AppendAsync(string name, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        var journal = Journal(name);
        lock (journal) journal.Add(record.ToArray());
        return Task.CompletedTask;
    }

    public Task CompactAsync(string name, ReadOnlyMemory<byte> baseRecord, CancellationToken cancellationToken = default)
    {
        var journal = Journal(name);
        lock (journal)
        {
            journal.Clear();
            journal.Add(baseRecord.ToArray());
        }

        return Task.CompletedTask;
    }

    private List<byte[]> Journal(string name) => _journals.GetOrAdd(name, _ => []);
}
