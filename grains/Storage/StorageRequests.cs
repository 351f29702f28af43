using System.Collections.Concurrent;

namespace Linkage.Storage;

/// <summary>
/// The requests this process sent to Azure Storage, by kind (<c>table POST $batch</c>, <c>blob PUT appendblock</c>...),
/// retries included: counted by <see cref="StorageRequestPolicy"/> on every client of the <see cref="StorageAccount"/>,
/// so the benchmark can report requests per event.
/// </summary>
public sealed class StorageRequests
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    public long Total => _counts.Values.Sum();

    public void Add(string kind) => _counts.AddOrUpdate(kind, 1, static (_, n) => n + 1);

    /// <summary>The counts so far, by kind.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);
}
