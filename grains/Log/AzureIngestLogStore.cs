using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Linkage.Hosting;

namespace Linkage.Log;

/// <summary>
/// Ingest logs in Azure Storage: each segment an append blob <c>{logId}/{segment}</c>, the catalogue of logs and
/// their checkpoints in a table.
/// </summary>
public sealed class AzureIngestLogStore(BlobServiceClient blobs, TableServiceClient tables, string prefix) : IIngestLogStore
{
    private const string Partition = "log";

    /// <summary>An append block holds at most 4 MiB (older service versions), so larger appends go in several.</summary>
    private const int MaxBlockBytes = 4 * 1024 * 1024;

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ClusterNames.LogContainer(prefix));
    private readonly TableClient _catalogue = tables.GetTableClient(ClusterNames.LogTable(prefix));
    private readonly ConcurrentDictionary<string, bool> _createdSegments = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ensure = new(1, 1);
    private volatile bool _ensured;

    public async Task CreateAsync(string logId, string silo, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var entity = new TableEntity(Partition, logId) { ["Silo"] = silo, ["Checkpoint"] = 0L };
        await _catalogue.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task AppendAsync(string logId, int segment, ReadOnlyMemory<byte> frames, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetAppendBlobClient(SegmentName(logId, segment));
        var name = blob.Name;
        if (!_createdSegments.ContainsKey(name))
        {
            await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _createdSegments[name] = true;
        }

        for (var offset = 0; offset < frames.Length; offset += MaxBlockBytes)
        {
            var chunk = frames.Slice(offset, Math.Min(MaxBlockBytes, frames.Length - offset));
            try
            {
                // Over the caller's buffer where it is an array (the log's reused one), not a copy of each block.
                using var content = MemoryMarshal.TryGetArray(chunk, out var array)
                    ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
                    : new MemoryStream(chunk.ToArray(), writable: false);
                await blob.AppendBlockAsync(content, cancellationToken: cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404 && offset == 0)
            {
                // The segment (or its container) is not there although it was made: storage lost it, so make it again.
                await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                // Over the caller's buffer where it is an array (the log's reused one), not a copy of each block.
                using var content = MemoryMarshal.TryGetArray(chunk, out var array)
                    ? new MemoryStream(array.Array!, array.Offset, array.Count, writable: false)
                    : new MemoryStream(chunk.ToArray(), writable: false);
                await blob.AppendBlockAsync(content, cancellationToken: cancellationToken);
            }
        }
    }

    public async Task<IReadOnlyList<IngestLogInfo>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var logs = new List<IngestLogInfo>();
        await foreach (var entity in _catalogue.QueryAsync<TableEntity>(e => e.PartitionKey == Partition, cancellationToken: cancellationToken))
        {
            logs.Add(new IngestLogInfo(entity.RowKey, entity.GetString("Silo") ?? "", entity.GetInt64("Checkpoint") ?? 0));
        }

        return logs;
    }

    public async Task<IReadOnlyList<int>> ListSegmentsAsync(string logId, CancellationToken cancellationToken = default)
    {
        var segments = new List<int>();
        await foreach (var item in _container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, logId + "/", cancellationToken: cancellationToken))
        {
            if (int.TryParse(item.Name.AsSpan(logId.Length + 1), out var segment)) segments.Add(segment);
        }

        segments.Sort();
        return segments;
    }

    public async Task<ReadOnlyMemory<byte>> ReadSegmentAsync(string logId, int segment, CancellationToken cancellationToken = default)
    {
        try
        {
            var content = await _container.GetBlobClient(SegmentName(logId, segment)).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToMemory();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return ReadOnlyMemory<byte>.Empty;
        }
    }

    public async Task WriteCheckpointAsync(string logId, long checkpoint, CancellationToken cancellationToken = default)
    {
        var entity = new TableEntity(Partition, logId) { ["Checkpoint"] = checkpoint };
        await _catalogue.UpdateEntityAsync(entity, ETag.All, TableUpdateMode.Merge, cancellationToken);
    }

    public async Task DeleteSegmentAsync(string logId, int segment, CancellationToken cancellationToken = default)
    {
        var name = SegmentName(logId, segment);
        await _container.DeleteBlobIfExistsAsync(name, cancellationToken: cancellationToken);
        _createdSegments.TryRemove(name, out _);
    }

    public async Task DeleteAsync(string logId, CancellationToken cancellationToken = default)
    {
        foreach (var segment in await ListSegmentsAsync(logId, cancellationToken))
        {
            await DeleteSegmentAsync(logId, segment, cancellationToken);
        }

        try
        {
            await _catalogue.DeleteEntityAsync(Partition, logId, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
        }
    }

    private static string SegmentName(string logId, int segment) => $"{logId}/{segment:D8}";

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ensured) return;
        await _ensure.WaitAsync(cancellationToken);
        try
        {
            if (_ensured) return;
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await _catalogue.CreateIfNotExistsAsync(cancellationToken);
            _ensured = true;
        }
        finally
        {
            _ensure.Release();
        }
    }
}
