using System.Runtime.CompilerServices;

namespace Linkage.Audit;

/// <summary>The audit log in process memory: for benchmarks without storage.</summary>
public sealed class MemoryAuditLog : IAuditLog
{
    private readonly List<AuditEntry> _entries = [];

    public Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        lock (_entries) _entries.Add(entry);
        return Task.CompletedTask;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        AuditEntry[] entries;
        lock (_entries) entries = [.. _entries.Where(e => since is null || e.At >= since).OrderBy(e => e.At)];
        foreach (var entry in entries)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return entry;
        }

        await Task.CompletedTask;
    }
}
