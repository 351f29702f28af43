using System.Collections.Concurrent;

namespace Linkage.Storage;

/// <summary>
/// The requests this process sent to Azure Storage, by kind (<c>table POST $batch</c>, <c>blob PUT appendblock</c>...),
/// retries included: counted by <see cref="StorageRequestPolicy"/> on every client of the <see cref="StorageAccount"/>,
/// so the benchmark can report requests per event, and the bytes their bodies carried.
/// </summary>
public sealed class StorageRequests
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _bodyBytes;

    public long Total => _counts.Values.Sum();

    /// <summary>The bytes of every request body sent so far.</summary>
    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    public void Add(string kind, long bodyBytes = 0)
    {
        _counts.AddOrUpdate(kind, 1, static (_, n) => n + 1);
        if (bodyBytes > 0) Interlocked.Add(ref _bodyBytes, bodyBytes);
    }

    /// <summary>The counts so far, by kind.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(_counts, StringComparer.Ordinal);
}
