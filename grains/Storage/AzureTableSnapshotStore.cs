using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure;
using Linkage.Cohorts;
using Linkage.Engine;
using Linkage.Hosting;

namespace Linkage.Storage;

/// <summary>
/// Component snapshots in Azure tables: one entity per snapshot, filed in a fixed number of partitions, each partition
/// in a table of its own (<see cref="SnapshotTableLayout"/>), and concurrent writes to a partition committed together
/// in entity-group transactions (up to 100 entities, 4 MiB), so that the cost of snapshots follows transactions, not
/// grains. A snapshot is stored Brotli-compressed
/// (<see cref="SnapshotEncoding"/>); one too large for an entity even so goes to a blob that the entity points to.
/// </summary>
/// <remarks>
/// <para>A partition's writer fills a transaction before it commits: it sends one when it holds 100 entities (or the
/// byte limit), or once the linger has passed since the oldest write it holds. Committing whatever was queued as soon
/// as the previous transaction returned made every snapshot a transaction of its own against a fast store
/// (docs/engine.md, "Snapshots and checkpoints"). A linger of zero commits at once.</para>
/// <para>A write whose answer was lost (a timeout after the commit, which the SDK then retries into a conflict) must not
/// leave its writer stuck on a stale ETag: each entity records the ETag it was written over and a hash of its data,
/// so a conflict whose stored entity is this very write, or an earlier write of ours whose outcome we never learned,
/// over the same base, is recognised as ours. Any other conflict is a real one and loses.</para>
/// </remarks>
public sealed class AzureTableSnapshotStore : ISnapshotStore
{
    /// <summary>A binary property holds at most 64 KiB.</summary>
    private const int ChunkBytes = 64 * 1024;

    /// <summary>Chunks inline in an entity (an entity holds at most 1 MiB with its keys).</summary>
    private const int MaxChunks = 14;

    private const int MaxTransactionEntities = 100;
    private const int MaxTransactionBytes = 3 * 1024 * 1024;

    /// <summary>Each partition's table (all the same one in <see cref="SnapshotTableLayout.OneTable"/>).</summary>
    private readonly TableClient[] _tables;

    /// <summary>The table every partition shared before 2026-12-07.</summary>
    private readonly TableClient _oneTable;
    private readonly SnapshotTableLayout _layout;
    private readonly BlobContainerClient _blobs;
    private readonly int _partitions;
    private readonly TimeSpan _linger;
    private readonly TimeProvider _time;

    /// <summary>Transactions under way at once, across partitions (why: the constructor's <c>transactionsInFlight</c>).</summary>
    private readonly SemaphoreSlim _transactionSlots;
    private readonly AppendPriority? _priority;
    private readonly ConcurrentDictionary<string, PartitionWriter> _writers = new(StringComparer.Ordinal);

    /// <summary>Keys whose snapshot is, or was until its last write, a blob: only they have blobs to clean up.</summary>
    private readonly ConcurrentDictionary<string, bool> _blobKeys = new(StringComparer.Ordinal);

    /// <summary>Writes that failed without an answer, by key: the ETag they were written over and their data's hash.</summary>
    private readonly ConcurrentDictionary<string, (string Base, long Hash)> _unanswered = new(StringComparer.Ordinal);
    private readonly object _ensureLock = new();
    private Task? _ensuring;
    private volatile bool _ensured;

    /// <param name="linger">How long a partition's writer may hold a write to fill its transaction; zero commits at once.</param>
    /// <param name="time">The clock of the linger (the system's when null).</param>
    /// <param name="transactionsInFlight">
    /// Transactions sent at once across all partitions. Storage that serves them one at a time (Azurite's one thread)
    /// takes no more for being sent more: each only waits longer for its answer, past the client's timeout when 64
    /// partitions send 100 entities each, and the retries then repeat the work that was timing out. A writer waiting
    /// for a slot keeps gathering its partition's writes, so its transaction is fuller when it goes.
    /// </param>
    /// <param name="priority">When given, transactions give way to the log's appends (<see cref="AppendPriority"/>).</param>
    public AzureTableSnapshotStore(TableServiceClient tables, BlobServiceClient blobs, string prefix, int partitions, TimeSpan linger = default, TimeProvider? time = null,
        int transactionsInFlight = int.MaxValue, AppendPriority? priority = null, SnapshotTableLayout layout = SnapshotTableLayout.TablePerPartition)
    {
        _priority = priority;
        ArgumentOutOfRangeException.ThrowIfLessThan(transactionsInFlight, 1);
        _transactionSlots = new SemaphoreSlim(Math.Min(transactionsInFlight, partitions));
        _oneTable = tables.GetTableClient(ClusterNames.SnapshotTable(prefix));
        _layout = layout;
        _tables = layout == SnapshotTableLayout.OneTable
            ? [.. Enumerable.Repeat(_oneTable, partitions)]
            : [.. Enumerable.Range(0, partitions).Select(p => tables.GetTableClient(ClusterNames.SnapshotTable(prefix, p)))];
        _blobs = blobs.GetBlobContainerClient(ClusterNames.SnapshotContainer(prefix));
        _partitions = partitions;
        _linger = linger;
        _time = time ?? TimeProvider.System;
    }

    public async Task<StoredSnapshot?> ReadAsync(string key, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var partition = PartitionOf(key);
        var response = await partition.Table.GetEntityIfExistsAsync<TableEntity>(partition.Key, RowKeyOf(key), cancellationToken: cancellationToken);
        if (!response.HasValue || response.Value is not { } entity) return null;
        if (entity.GetString("Blob") is { } blobName)
        {
            _blobKeys[key] = true;
            var content = await _blobs.GetBlobClient(blobName).DownloadContentAsync(cancellationToken);
            return new StoredSnapshot(Decoded(entity, content.Value.Content.ToArray()), entity.ETag.ToString());
        }

        return new StoredSnapshot(InlineSnapshot(entity), entity.ETag.ToString());
    }

    /// <summary>The snapshot an entity holds in its own chunks (not in a blob), decoded.</summary>
    /// <exception cref="InvalidDataException">A chunk is missing, or the bytes do not decode.</exception>
    public static byte[] InlineSnapshot(TableEntity entity)
    {
        var length = entity.GetInt32("Length") ?? 0;
        var data = new byte[length];
        var offset = 0;
        for (var i = 0; offset < length; i++)
        {
            var chunk = entity.GetBinary("D" + i) ?? throw new InvalidDataException($"snapshot {entity.RowKey}: chunk {i} is missing");
            chunk.CopyTo(data, offset);
            offset += chunk.Length;
        }

        return Decoded(entity, data);
    }

    private static byte[] Decoded(TableEntity entity, byte[] stored) =>
        SnapshotEncoding.Decode(stored, entity.GetString(SnapshotEncoding.Property), entity.GetInt32(SnapshotEncoding.DecodedLengthProperty) ?? stored.Length);

    public async Task<string> WriteAsync(string key, ReadOnlyMemory<byte> data, string? etag, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var partition = PartitionOf(key);
        var entity = new TableEntity(partition.Key, RowKeyOf(key));
        var (stored, encoding) = SnapshotEncoding.Encode(data.Span);
        if (encoding is not null)
        {
            entity[SnapshotEncoding.Property] = encoding;
            entity[SnapshotEncoding.DecodedLengthProperty] = data.Length;
        }

        if (stored.Length > ChunkBytes * MaxChunks)
        {
            // Written first under a new name, so the snapshot it replaces stays whole until the entity commits.
            var blobName = RowKeyOf(key) + "/" + Guid.NewGuid().ToString("N");
            _blobKeys[key] = true;
            await _blobs.GetBlobClient(blobName).UploadAsync(BinaryData.FromBytes(stored), cancellationToken);
            entity["Blob"] = blobName;
        }
        else
        {
            entity["Length"] = stored.Length;
            for (var (offset, i) = (0, 0); offset < stored.Length; offset += ChunkBytes, i++)
            {
                // Most snapshots are one chunk: the encoded array itself.
                entity["D" + i] = stored.Length <= ChunkBytes ? stored : stored.AsSpan(offset, Math.Min(ChunkBytes, stored.Length - offset)).ToArray();
            }
        }

        var hash = unchecked((long)XxHash64.HashToUInt64(data.Span));
        entity[BaseProperty] = etag ?? "";
        entity[HashProperty] = hash;
        var write = new PendingWrite(key, entity, etag, stored.Length, hash, _time.GetTimestamp());
        _writers.GetOrAdd(partition.Key, _ => new PartitionWriter(this, partition.Table)).Enqueue(write);
        var newETag = await write.Completion.Task.WaitAsync(cancellationToken);

        // Listing blobs costs a call: only for a snapshot that is or was a blob (one written by a process that died
        // between its blob and its entity may stay behind, unreferenced).
        if (_blobKeys.ContainsKey(key))
        {
            var blob = entity.GetString("Blob");
            await DeleteOtherBlobsAsync(key, blob, cancellationToken);
            if (blob is null) _blobKeys.TryRemove(key, out _);
        }

        return newETag;
    }

    public async Task DeleteAsync(string key, string? etag, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        try
        {
            var partition = PartitionOf(key);
            await partition.Table.DeleteEntityAsync(partition.Key, RowKeyOf(key), etag is null ? ETag.All : new ETag(etag), cancellationToken);
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

    /// <summary>A key's partition: its partition key ("p" and four hex digits) and the table that holds it.</summary>
    private (string Key, TableClient Table) PartitionOf(string key)
    {
        var partition = (int)(XxHash32.HashToUInt32(Encoding.UTF8.GetBytes(key)) % (uint)_partitions);
        return ("p" + partition.ToString("x4"), _tables[partition]);
    }

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

    /// <summary>
    /// Makes the table and container once. Callers that arrive while an attempt is under way share it (and its failure):
    /// during an outage, a checkpoint's many writers must not each wait their turn for an attempt of their own.
    /// </summary>
    private Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ensured) return Task.CompletedTask;
        lock (_ensureLock)
        {
            if (_ensuring is null || _ensuring.IsFaulted || _ensuring.IsCanceled) _ensuring = CreateAsync();
            return _ensuring.WaitAsync(cancellationToken);
        }
    }

    private async Task CreateAsync()
    {
        if (_layout == SnapshotTableLayout.TablePerPartition) await RefuseSnapshotsInOneTableAsync();
        await Task.WhenAll(_tables.Distinct().Select(t => t.CreateIfNotExistsAsync()));
        await _blobs.CreateIfNotExistsAsync();
        _ensured = true;
    }

    /// <summary>
    /// Snapshots written in the one-table layout would not be found in the partitions' tables: the records they hold would
    /// look lost. A store that finds any refuses to go on, naming the setting that reads them.
    /// </summary>
    private async Task RefuseSnapshotsInOneTableAsync()
    {
        try
        {
            await foreach (var _ in _oneTable.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"]))
            {
                throw new InvalidOperationException(
                    $"Component snapshots are stored in table '{_oneTable.Name}', one table for every partition (the layout before 2026-12-07); " +
                    $"set Linkage:Engine:SnapshotTables to {SnapshotTableLayout.OneTable} to go on reading and writing them there.");
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No such table: nothing was stored the old way.
        }
    }

    private const string BaseProperty = "Base";
    private const string HashProperty = "Hash";

    /// <summary>
    /// After a conflict: the stored ETag when what is stored is this write, or an unanswered earlier write of ours, over
    /// the same base; null when someone else wrote.
    /// </summary>
    private async Task<(string ETag, bool IsThisWrite)?> OursAsync(PendingWrite write, TableClient table)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(
            write.Entity.PartitionKey, write.Entity.RowKey, [BaseProperty, HashProperty]);
        if (!response.HasValue || response.Value is not { } stored) return null;
        var (storedBase, storedHash) = (stored.GetString(BaseProperty), stored.GetInt64(HashProperty));
        if (storedBase != (write.ETag ?? "") || storedHash is not { } hash) return null;
        if (hash == write.Hash) return (stored.ETag.ToString(), true);
        return _unanswered.TryGetValue(write.Key, out var earlier) && earlier == (storedBase, hash) ? (stored.ETag.ToString(), false) : null;
    }

    /// <param name="Queued">When it was first queued (<see cref="TimeProvider.GetTimestamp"/>): its linger runs from then, across requeues.</param>
    private sealed record PendingWrite(string Key, TableEntity Entity, string? ETag, int Bytes, long Hash, long Queued)
    {
        public TaskCompletionSource<string> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Commits the writes queued for one partition, a transaction at a time: a full one at once, a partial one once the
    /// linger has passed since its oldest write; writes that arrive meanwhile go in the next.
    /// </summary>
    private sealed class PartitionWriter(AzureTableSnapshotStore store, TableClient table)
    {
        private readonly Queue<PendingWrite> _queue = new();
        private long _queuedBytes;
        private bool _flushing;

        /// <summary>Set when the queue fills a transaction: ends the writer's linger early.</summary>
        private TaskCompletionSource? _filled;

        public void Enqueue(PendingWrite write)
        {
            lock (_queue)
            {
                _queue.Enqueue(write);
                _queuedBytes += write.Bytes;
                if (FillsATransaction) _filled?.TrySetResult();
                if (_flushing) return;
                _flushing = true;
            }

            _ = Task.Run(FlushAsync);
        }

        /// <summary>The queue holds at least what one transaction can take (under the lock).</summary>
        private bool FillsATransaction => _queue.Count >= MaxTransactionEntities || _queuedBytes > MaxTransactionBytes;

        private async Task FlushAsync()
        {
            while (true)
            {
                var linger = TimeSpan.Zero;
                Task filled = Task.CompletedTask;
                var batch = new List<PendingWrite>();
                lock (_queue)
                {
                    if (_queue.Count == 0)
                    {
                        _flushing = false;
                        return;
                    }

                    if (!FillsATransaction) linger = store._linger - store._time.GetElapsedTime(_queue.Peek().Queued);
                    if (linger > TimeSpan.Zero)
                    {
                        _filled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        filled = _filled.Task;
                    }
                    else
                    {
                        _filled = null;
                    }
                }

                if (linger <= TimeSpan.Zero)
                {
                    // Taken once a slot is free, so what arrived while waiting for it goes in too.
                    await store._transactionSlots.WaitAsync();
                    try
                    {
                        using var turn = store._priority is { } priority ? await priority.TransactionAsync() : default;

                        // Never empty: this writer is the only one to take from its queue, and it held a write.
                        lock (_queue) Take(batch);
                        await CommitAsync(batch);
                    }
                    finally
                    {
                        store._transactionSlots.Release();
                    }

                    continue;
                }

                // Then look again: the linger has passed, or the queue filled a transaction meanwhile. Whole milliseconds,
                // as the system's timers count: a shorter wait would end at once and the writer spin until it passed.
                using var stop = new CancellationTokenSource();
                await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(Math.Ceiling(linger.TotalMilliseconds)), store._time, stop.Token), filled);
                await stop.CancelAsync();
            }
        }

        /// <summary>Moves the next transaction's writes from the queue into <paramref name="batch"/> (under the lock).</summary>
        private void Take(List<PendingWrite> batch)
        {
            var bytes = 0;
            var keys = new HashSet<string>(StringComparer.Ordinal);
            while (_queue.Count > 0 && batch.Count < MaxTransactionEntities
                && (batch.Count == 0 || bytes + _queue.Peek().Bytes <= MaxTransactionBytes)
                && !keys.Contains(_queue.Peek().Key))
            {
                var next = _queue.Dequeue();
                _queuedBytes -= next.Bytes;
                keys.Add(next.Key);
                bytes += next.Bytes;
                batch.Add(next);
            }
        }

        private async Task CommitAsync(List<PendingWrite> batch)
        {
            var actions = batch.Select(w => w.ETag is null
                ? new TableTransactionAction(TableTransactionActionType.Add, w.Entity)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, w.Entity, new ETag(w.ETag))).ToList();
            try
            {
                var responses = await table.SubmitTransactionAsync(actions);
                for (var i = 0; i < batch.Count; i++)
                {
                    store._unanswered.TryRemove(batch[i].Key, out _);
                    batch[i].Completion.TrySetResult(responses.Value[i].Headers.ETag?.ToString() ?? throw new InvalidDataException($"no ETag for snapshot {batch[i].Key}"));
                }
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } failed && e.Status is 409 or 412 or 404)
            {
                // One stale write spoils the transaction: settle it, and send the others again.
                var write = batch[failed];
                (string ETag, bool IsThisWrite)? ours = null;
                try
                {
                    if (e.Status != 404) ours = await store.OursAsync(write, table);
                }
                catch (Exception)
                {
                    // Could not tell whose it is: a conflict for now; the writer tries again, and what it left unanswered is still known.
                }

                PendingWrite? again = null;
                if (ours is { IsThisWrite: true } stored)
                {
                    store._unanswered.TryRemove(write.Key, out _);
                    write.Completion.TrySetResult(stored.ETag);
                }
                else if (ours is { } earlier)
                {
                    // Our earlier write went in after all: this one, newer, replaces it.
                    write.Entity[BaseProperty] = earlier.ETag;
                    again = write with { ETag = earlier.ETag };
                }
                else
                {
                    write.Completion.TrySetException(new SnapshotConflictException(write.Key, e));
                }

                lock (_queue)
                {
                    foreach (var other in batch.Where((_, i) => i != failed).Reverse()) Requeue(other);
                    if (again is not null) Requeue(again);
                }
            }
            catch (Exception e)
            {
                foreach (var write in batch)
                {
                    // The commit may have happened: remember what it would have stored, to recognise it later.
                    store._unanswered[write.Key] = (write.ETag ?? "", write.Hash);
                    write.Completion.TrySetException(e);
                }
            }
        }

        private void Requeue(PendingWrite write)
        {
            _queuedBytes += write.Bytes;
            var rest = _queue.ToArray();
            _queue.Clear();
            _queue.Enqueue(write);
            foreach (var w in rest) _queue.Enqueue(w);
        }
    }
}
