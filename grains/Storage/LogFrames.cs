using System.Buffers;
using System.Buffers.Binary;
using System.IO.Hashing;

namespace Linkage.Storage;

/// <summary>
/// The framing of records in append-only storage: a 4-byte length, a 4-byte CRC-32 of the payload, the payload.
/// A frame cut short or with a wrong checksum is a write that never completed: reading stops there.
/// </summary>
public static class LogFrames
{
    public const int HeaderBytes = 8;

    /// <summary>Largest payload accepted; anything larger is a corrupt length, not a record.</summary>
    public const int MaxPayloadBytes = 256 * 1024 * 1024;

    public static void Write(IBufferWriter<byte> output, ReadOnlySpan<byte> payload)
    {
        var header = output.GetSpan(HeaderBytes);
        BinaryPrimitives.WriteInt32LittleEndian(header, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], Crc32.HashToUInt32(payload));
        output.Advance(HeaderBytes);
        output.Write(payload);
    }

    /// <summary>Fills in the header of a frame whose payload was written in place behind <see cref="HeaderBytes"/> reserved bytes.</summary>
    public static void Seal(Span<byte> frame)
    {
        var payload = frame[HeaderBytes..];
        BinaryPrimitives.WriteInt32LittleEndian(frame, payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(frame[4..], Crc32.HashToUInt32(payload));
    }

    /// <summary>The payloads of the whole frames in <paramref name="data"/>; <paramref name="torn"/> is set when it ends in a partial or corrupt frame.</summary>
    public static List<ReadOnlyMemory<byte>> Read(ReadOnlyMemory<byte> data, out bool torn)
    {
        var payloads = new List<ReadOnlyMemory<byte>>();
        var offset = 0;
        torn = false;
        while (offset < data.Length)
        {
            if (data.Length - offset < HeaderBytes)
            {
                torn = true;
                break;
            }

            var header = data.Span.Slice(offset, HeaderBytes);
            var length = BinaryPrimitives.ReadInt32LittleEndian(header);
            var crc = BinaryPrimitives.ReadUInt32LittleEndian(header[4..]);
            if (length < 0 || length > MaxPayloadBytes || data.Length - offset - HeaderBytes < length)
            {
                torn = true;
                break;
            }

            var payload = data.Slice(offset + HeaderBytes, length);
            if (Crc32.HashToUInt32(payload.Span) != crc)
            {
                torn = true;
                break;
            }

            payloads.Add(payload);
            offset += HeaderBytes + length;
        }

        return payloads;
    }
}
