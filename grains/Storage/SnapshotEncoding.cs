using System.Buffers;
using System.IO.Compression;

namespace Linkage.Storage;

/// <summary>
/// How a snapshot's bytes are stored: Brotli-compressed when that makes them smaller, as they are otherwise. A person's
/// records repeat their subject's tokens and the format's field names, so a snapshot packs to a fraction of its size;
/// storage then holds, sends and (Azurite) re-saves that fraction (docs/engine.md, "Snapshots and checkpoints").
/// </summary>
/// <remarks>Entities written before this existed have no encoding and are read as they are.</remarks>
public static class SnapshotEncoding
{
    /// <summary>The entity property naming the encoding; absent when the bytes are stored as they are.</summary>
    public const string Property = "Encoding";

    /// <summary>The entity property holding the length of the snapshot once decoded.</summary>
    public const string DecodedLengthProperty = "Decoded";

    public const string Brotli = "br";

    /// <summary>Fast: a checkpoint compresses every snapshot it writes, on the ingest's cores.</summary>
    private const int Quality = 1;

    private const int Window = 22;

    /// <summary>The bytes to store, and their encoding (null: as they are, because packing them saved nothing).</summary>
    public static (byte[] Bytes, string? Encoding) Encode(ReadOnlySpan<byte> data)
    {
        var rented = ArrayPool<byte>.Shared.Rent(BrotliEncoder.GetMaxCompressedLength(data.Length));
        try
        {
            if (BrotliEncoder.TryCompress(data, rented, out var written, Quality, Window) && written < data.Length)
            {
                return (rented.AsSpan(0, written).ToArray(), Brotli);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return (data.ToArray(), null);
    }

    /// <summary>The snapshot <see cref="Encode"/> encoded.</summary>
    /// <exception cref="InvalidDataException">An encoding this version does not know, or bytes that do not decode to <paramref name="decodedLength"/>.</exception>
    public static byte[] Decode(byte[] stored, string? encoding, int decodedLength)
    {
        if (encoding is null) return stored;
        if (encoding != Brotli) throw new InvalidDataException($"snapshot encoding '{encoding}' is not known to this version");
        var data = new byte[decodedLength];
        if (!BrotliDecoder.TryDecompress(stored, data, out var written) || written != decodedLength)
        {
            throw new InvalidDataException($"a Brotli snapshot did not decode to its {decodedLength} bytes");
        }

        return data;
    }
}
