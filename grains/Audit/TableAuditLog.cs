using System.Globalization;
using System.Runtime.CompilerServices;
using Azure.Data.Tables;
using Linkage.Hosting;
using Linkage.Storage;

namespace Linkage.Audit;

/// <summary>
/// The audit log in an Azure table: a partition per day (UTC), rows keyed by time then a random suffix, so that a day
/// reads oldest first and <c>?since=</c> starts at its day.
/// </summary>
public sealed class TableAuditLog(StorageAccount account) : IAuditLog
{
    private readonly TableClient _table = account.Tables.GetTableClient(ClusterNames.AuditTable(account.Prefix));
    private readonly SemaphoreSlim _ensure = new(1, 1);
    private volatile bool _ensured;

    public async Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var at = entry.At.ToUniversalTime();
        var row = new TableEntity(Day(at), at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8])
        {
            ["At"] = at,
            ["Key"] = entry.Key,
            ["Action"] = entry.Action.ToString(),
            ["What"] = entry.What,
            ["Count"] = entry.Count,
            ["Suppressed"] = entry.Suppressed,
        };
        await _table.AddEntityAsync(row, cancellationToken);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAsync(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var from = since?.ToUniversalTime();
        var filter = from is { } f ? TableClient.CreateQueryFilter($"PartitionKey ge {Day(f)}") : null;
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            var at = row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue;
            if (from is { } start && at < start) continue;
            yield return new AuditEntry
            {
                At = at,
                Key = row.GetString("Key") ?? "",
                Action = Enum.TryParse<AuditAction>(row.GetString("Action"), out var action) ? action : AuditAction.Cohort,
                What = row.GetString("What") ?? "",
                Count = row.GetInt64("Count"),
                Suppressed = row.GetInt32("Suppressed"),
            };
        }
    }

    private static string Day(DateTimeOffset at) => at.UtcDateTime.ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ensured) return;
        await _ensure.WaitAsync(cancellationToken);
        try
        {
            if (!_ensured) await _table.CreateIfNotExistsAsync(cancellationToken);
            _ensured = true;
        }
        finally
        {
            _ensure.Release();
        }
    }
}
