using System.Buffers;
using System.Collections.Concurrent;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Blobs;
using Azure;
using Linkage.Hosting;
using Linkage.Log;

namespace Linkage.Storage;

/// <summary>
/// Partition journals as append blobs <c>{name}/{segment}</c>. Compaction writes the base as the first record of a new
/// segment and then deletes the older ones; a read starts at the newest segment that opens with a whole base.
/// </summary>
/// <remarks>
/// One activation owns a journal, but a silo that died with a write in flight may still have it land after the next
/// owner read the journal. Every append therefore names the position it expects (the length it read or wrote last);
/// a write that finds the blob grown is refused with <see cref="JournalConflictException"/>, and its owner writes a
/// new base instead of a delta that would follow a record it never saw.
/// </remarks>
public sealed class AzureBlobPartitionJournal(BlobServiceClient blobs, string prefix) : IPartitionJournal
{
    /// <summary>Append blobs hold at most 50,000 blocks; a segment is closed well before.</summary>
    private const int MaxBlocksPerSegment = 40_000;

    private const byte BaseRecord = 1;
    private const byte DeltaRecord = 2;

    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(ClusterNames.JournalContainer(prefix));
    private readonly ConcurrentDictionary<string, SegmentCursor> _cursors = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _ensure = new(1, 1);
    private volatile bool _ensured;

    public async Task<IReadOnlyList<ReadOnlyMemory<byte>>> ReadAsync(string name, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var segments = await ListSegmentsAsync(name, cancellationToken);
        var contents = new List<(int Segment, List<ReadOnlyMemory<byte>> Records, bool Torn)>();
        var lengths = new List<long>();
        foreach (var segment in segments)
        {
            var content = await _container.GetBlobClient(SegmentName(name, segment)).DownloadContentAsync(cancellationToken);
            var bytes = content.Value.Content.ToMemory();
            var records = LogFrames.Read(bytes, out var torn);
            contents.Add((segment, records, torn));
            lengths.Add(bytes.Length);
        }

        var start = contents.FindLastIndex(c => c.Records.Count > 0 && c.Records[0].Span[0] == BaseRecord);
        var result = new List<ReadOnlyMemory<byte>>();
        foreach (var (_, records, _) in contents.Skip(Math.Max(start, 0)))
        {
            result.AddRange(records.Select(r => r[1..]));
        }

        // A torn tail (a flush cut short by a crash) is never appended after: the next record opens a new segment.
        var last = segments.Count == 0 ? -1 : segments[^1];
        var whole = contents.Count > 0 && !contents[^1].Torn;
        _cursors[name] = new SegmentCursor(
            contents.Count > 0 && contents[^1].Torn ? last + 1 : Math.Max(last, 0),
            whole ? contents[^1].Records.Count : 0,
            whole ? lengths[^1] : 0);
        return result;
    }

    public Task AppendAsync(string name, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default) =>
        WriteAsync(name, DeltaRecord, record, newSegment: false, cancellationToken);

    public async Task CompactAsync(string name, ReadOnlyMemory<byte> baseRecord, CancellationToken cancellationToken = default)
    {
        await EnsureAsync(cancellationToken);
        var older = await ListSegmentsAsync(name, cancellationToken);

        // The base opens a segment after every one there is, also those a writer this one never saw started.
        _cursors[name] = new SegmentCursor(older.Count == 0 ? 0 : older[^1], 0, 0);
        await WriteAsync(name, BaseRecord, baseRecord, newSegment: true, cancellationToken);
        var current = _cursors[name].Segment;
        foreach (var segment in older.Where(s => s < current))
        {
            await _container.DeleteBlobIfExistsAsync(SegmentName(name, segment), cancellationToken: cancellationToken);
        }
    }

    private async Task WriteAsync(string name, byte kind, ReadOnlyMemory<byte> record, bool newSegment, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        if (!_cursors.TryGetValue(name, out var cursor))
        {
            var segments = await ListSegmentsAsync(name, cancellationToken);
            cursor = new SegmentCursor(segments.Count == 0 ? 0 : segments[^1] + 1, 0, 0);
        }

        if (newSegment || cursor.Blocks >= MaxBlocksPerSegment) cursor = new SegmentCursor(cursor.Segment + (cursor.Blocks > 0 || newSegment ? 1 : 0), 0, 0);

        var framed = new ArrayBufferWriter<byte>(record.Length + LogFrames.HeaderBytes + 1);
        var payload = new byte[record.Length + 1];
        payload[0] = kind;
        record.Span.CopyTo(payload.AsSpan(1));
        LogFrames.Write(framed, payload);

        var blob = _container.GetAppendBlobClient(SegmentName(name, cursor.Segment));
        if (cursor.Blocks == 0) await blob.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        const int maxBlock = 4 * 1024 * 1024;
        var blocks = 0;
        var position = cursor.Length;
        for (var offset = 0; offset < framed.WrittenCount; offset += maxBlock)
        {
            var length = Math.Min(maxBlock, framed.WrittenCount - offset);
            using var chunk = new MemoryStream(framed.WrittenMemory.Slice(offset, length).ToArray(), writable: false);
            try
            {
                await blob.AppendBlockAsync(
                    chunk, new AppendBlobAppendBlockOptions { Conditions = new AppendBlobRequestConditions { IfAppendPositionEqual = position } }, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Someone else wrote here since this silo last read or wrote: read again before the next write.
                _cursors.TryRemove(name, out _);
                throw new JournalConflictException(name, e);
            }

            position += length;
            blocks++;
        }

        _cursors[name] = cursor with { Blocks = cursor.Blocks + blocks, Length = position };
    }

    private async Task<List<int>> ListSegmentsAsync(string name, CancellationToken cancellationToken)
    {
        var segments = new List<int>();
        await foreach (var item in _container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, name + "/", cancellationToken: cancellationToken))
        {
            if (int.TryParse(item.Name.AsSpan(name.Length + 1), out var segment)) segments.Add(segment);
        }

        segments.Sort();
        return segments;
    }

    private static string SegmentName(string name, int segment) => $"{name}/{segment:D8}";

    private async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (_ensured) return;
        await _ensure.WaitAsync(cancellationToken);
        try
        {
            if (_ensured) return;
            await _container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _ensured = true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            _ensured = true;
        }
        finally
        {
            _ensure.Release();
        }
    }

    /// <summary>Where the next record goes: the segment, its blocks, and its length in bytes (the position an append expects).</summary>
    private readonly record struct SegmentCursor(int Segment, int Blocks, long Length);
}
