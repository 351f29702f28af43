using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Linkage.Hosting;

namespace Linkage.Storage;

/// <summary>
/// Component snapshots in an Azure table: one entity per snapshot, filed in a fixed number of partitions, and
/// concurrent writes to a partition committed together in entity-group transactions (up to 100 entities, 4 MiB),
/// so that the cost of snapshots follows transactions, not grains. A snapshot too large for an entity goes to a blob
/// that the entity points to.
/// </summary>
public sealed class AzureTableSnapshotStore : ISnapshotStore
{
    /// <summary>A binary property holds at most 64 KiB.</summary>
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Chunks inline in an entity (an entity holds at most 1 MiB with its keys).</summary>
    private const int MaxChunks = 14;

    private const int MaxTransactionEntities = 100;
    private const int MaxTransactionBytes = 3 * 1024 * 1024;

    private readonly TableClient _table;
    private readonly BlobContainerClient _blobs;
    private readonly int _partitions;
    private readonly ConcurrentDictionary<string, PartitionWriter> _writers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ensure = new(1, 1);
    private volatile bool _ensured;

    public AzureTableSnapshotStore(TableServiceClient tables, BlobServiceClient blobs, string prefix, int partitions)
    {
        _table = tables.GetTableClient(ClusterNames.SnapshotTable(prefix));
        _blobs = blobs.GetBlobContainerClient(ClusterNames.SnapshotContainer(prefix));
        _partitions = partitions;
    }

    public async Task<StoredSnapshot?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var response = await _table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(key), RowKeyOf(key), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity) return null;
        if (entity.GetString("Blob") is { } blobName)
        {
            var content = await _blobs.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return new StoredSnapshot(content.Value.Content.ToMemory(), entity.ETag.ToString());
        }

        var length = entity.GetInt32("Length") ?? 0;
        var data = new byte[length];
        var offset = 0;
        for (var i = 0; offset < length; i++)
        {
            var chunk = entity.GetBinary("D" + i) ?? throw new InvalidDataException($"snapshot {key}: chunk {i} is missing");
            chunk.CopyTo(data, offset);
            offset += chunk.Length;
        }

        return new StoredSnapshot(data, entity.ETag.ToString());
    }

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var entity = new TableEntity(PartitionOf(key), RowKeyOf(key));
        if (data.Length > ChunkBytes * MaxChunks)
        {
            // Written first under a new name, so the snapshot it replaces stays whole until the entity commits.
            var blobName = RowKeyOf(key) + "/" + Guid.NewGuid().ToString("N");
            await _blobs.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(data), cancellationToken);
            entity["Blob"] = blobName;
        }
        else
        {
            entity["Length"] = data.Length;
            for (var (offset, i) = (0, 0); offset < data.Length; offset += ChunkBytes, i++)
            {
                entity["D" + i] = data.Slice(offset, Math.Min(ChunkBytes, data.Length - offset)).ToArray();
            }
        }

        var write = new PendingWrite(key, entity, etag, data.Length);
        _writers.GetOrAdd(entity.PartitionKey, _ => new PartitionWriter(this)).Enqueue(write);
        var newETag = await write.Completion.Task.WaitAsync(cancellationToken);
        await DeleteOtherBlobsAsync(key, entity.GetString("Blob"), cancellationToken);
        return newETag;
    }

    public async Task DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        try
        {
            await _table.DeleteEntityAsync(PartitionOf(key), RowKeyOf(key), etag is null ? ETag.All : new ETag(etag), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new SnapshotConflictException(key, e);
        }

        await DeleteOtherBlobsAsync(key, keep: null, cancellationToken);
    }

    private async Task DeleteOtherBlobsAsync(string key, string? keep, CancellationToken cancellationToken)
    {
        await foreach (var blob in _blobs.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, RowKeyOf(key) + "/", cancellationToken: cancellationToken))
        {
            if (blob.Name != keep) await _blobs.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken);
        }
    }

    private string PartitionOf(string key) => "p" + (XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(key)) % (uint)_partitions).ToString("x4");

    /// <summary>Row keys may not hold '/', '\', '#', '?' or control characters.</summary>
    private static string RowKeyOf(string key)
    {
        var builder = new StringBuilder(key.Length);
        foreach (var c in key)
        {
            if (c is '/' or '\\' or '#' or '?' or '%' || char.IsControl(c)) builder.Append('%').Append(((int)c).ToString("x2"));
            else builder.Append(c);
        }

        return builder.ToString();
    }

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ensured) return;
        await _ensure.WaitAsync(cancellationToken);
        try
        {
            if (_ensured) return;
            await _table.CreateIfNotExistsAsync(cancellationToken);
            await _blobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _ensured = true;
        }
        finally
        {
            _ensure.Release();
        }
    }

    private sealed record PendingWrite(string Key, TableEntity Entity, string? ETag, int Bytes)
    {
        public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Commits the writes queued for one partition, a transaction at a time; writes that arrive meanwhile go in the next.</summary>
    private sealed class PartitionWriter(AzureTableSnapshotStore store)
    {
        private readonly Queue<PendingWrite> _queue = new();
        private bool _flushing;

        public void Enqueue(PendingWrite write)
        {
            lock (_queue)
            {
                _queue.Enqueue(write);
                if (_flushing) return;
                _flushing = true;
            }

            _ = Task.Run(FlushAsync);
        }

        private async Task FlushAsync()
        {
            while (true)
            {
                var batch = new List<PendingWrite>();
                lock (_queue)
                {
                    var bytes = 0;
                    var keys = new HashSet<string>(StringComparer.Ordinal);
                    while (_queue.Count > 0 && batch.Count < MaxTransactionEntities
                        && (batch.Count == 0 || bytes + _queue.Peek().Bytes <= MaxTransactionBytes)
                        && !keys.Contains(_queue.Peek().Key))
                    {
                        var next = _queue.Dequeue();
                        keys.Add(next.Key);
                        bytes += next.Bytes;
                        batch.Add(next);
                    }

                    if (batch.Count == 0)
                    {
                        _flushing = false;
                        return;
                    }
                }

                await CommitAsync(batch);
            }
        }

        private async Task CommitAsync(List<PendingWrite> batch)
        {
            var actions = batch.Select(w => w.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, w.Entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, w.Entity, new ETag(w.ETag))).ToList();
            try
            {
                var responses = await store._table.SubmitTransactionAsync(actions);
                for (var i = 0; i < batch.Count; i++)
                {
                    batch[i].Completion.TrySetResult(responses.Value[i].Headers.ETag?.ToString() ?? throw new InvalidDataException($"no ETag for snapshot {batch[i].Key}"));
                }
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } failed && e.Status is 409 or 412 or 404)
            {
                // One stale write spoils the transaction: fail it, and send the others again.
                batch[failed].Completion.TrySetException(new SnapshotConflictException(batch[failed].Key, e));
                lock (_queue)
                {
                    foreach (var other in batch.Where((_, i) => i != failed).Reverse()) Requeue(other);
                }
            }
            catch (Exception e)
            {
                foreach (var write in batch) write.Completion.TrySetException(e);
            }
        }

        private void Requeue(PendingWrite write)
        {
            var rest = _queue.ToArray();
            _queue.Clear();
            _queue.Enqueue(write);
            foreach (var w in rest) _queue.Enqueue(w);
        }
    }
}
