namespace Linkage.Audit;

/// <summary>The audit log of every data read and opt-out: written before the answer goes out, listed oldest first.</summary>
public interface IAuditLog
{
    /// <summary>Stores the entry durably; the caller answers only after this returns.</summary>
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default);

    /// <summary>The entries at or after <paramref name="since"/> (all when null), oldest first.</summary>
    IAsyncEnumerable<AuditEntry> ReadAsync(DateTimeOffset? since, CancellationToken cancellationToken = default);
}
