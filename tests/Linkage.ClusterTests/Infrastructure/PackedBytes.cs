using System.Buffers;
using System.IO.Compression;
using Azure.Data.Tables;
using Linkage.Storage;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// What storage holds packed, unpacked, so that the tests that search storage for a person's data (opt-out, privacy)
/// search what a reader of the account would find, not only the packed bytes that hide it.
/// </summary>
internal static class PackedBytes
{
    /// <summary>The snapshot a table entity holds in its chunks, unpacked; null when it holds none packed.</summary>
    public static byte[]? Snapshot(TableEntity entity)
    {
        return entity.GetString(SnapshotEncoding.Property) is null || entity.GetString("Blob") is not null ? null : AzureTableSnapshotStore.InlineSnapshot(entity);
    }

    /// <summary>The bytes unpacked when they are one whole Brotli stream (a large snapshot's blob); null otherwise.</summary>
    public static byte[]? Brotli(byte[] content)
    {
        using var decoder = new BrotliDecoder();
        var output = new ArrayBufferWriter<byte>(Math.Max(4096, content.Length * 4));
        ReadOnlySpan<byte> source = content;
        while (output.WrittenCount < 256 * 1024 * 1024)
        {
            var status = decoder.Decompress(source, output.GetSpan(64 * 1024), out var consumed, out var written);
            output.Advance(written);
            source = source[consumed..];
            if (status == OperationStatus.Done) return source.IsEmpty ? output.WrittenSpan.ToArray() : null;
            if (status != OperationStatus.DestinationTooSmall) return null;
        }

        return null;
    }
}
