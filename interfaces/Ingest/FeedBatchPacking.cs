using System.Buffers;
using System.Collections.Immutable;
using System.IO.Compression;
using System.Text;

namespace Linkage.Ingest;

/// <summary>
/// The packed form of a feed batch's lines: their UTF-8 text joined by <c>\n</c>, Brotli-compressed, so that one
/// queue message (64 KiB at most) carries several times the lines it would raw.
/// </summary>
public static class FeedBatchPacking
{
    /// <summary>Fast and still about a third of the text: the publisher's CPU is the operator's.</summary>
    private const int Quality = 4;

    private const int Window = 22;

    /// <exception cref="ArgumentException">A line holds a line end, so it could not be told apart from two.</exception>
    public static byte[] Pack(IReadOnlyList<string> lines)
    {
        var text = new ArrayBufferWriter<byte>(lines.Sum(l => l.Length) + lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Contains('\n')) throw new ArgumentException($"line {i} holds a line end", nameof(lines));
            if (i > 0) text.Write("\n"u8);
            Encoding.UTF8.GetBytes(lines[i], text);
        }

        var packed = new byte[BrotliEncoder.GetMaxCompressedLength(text.WrittenCount)];
        if (!BrotliEncoder.TryCompress(text.WrittenSpan, packed, out var written, Quality, Window))
        {
            throw new InvalidOperationException("Brotli could not compress the lines into its own bound");
        }

        return packed.AsSpan(0, written).ToArray();
    }

    /// <summary>The lines <see cref="Pack"/> packed.</summary>
    /// <exception cref="InvalidDataException">Not a packed batch, or one cut short.</exception>
    public static ImmutableArray<string> Unpack(ReadOnlySpan<byte> packed)
    {
        var source = packed;
        var text = new ArrayBufferWriter<byte>(Math.Max(4096, source.Length * 4));
        using var decoder = new BrotliDecoder();
        while (true)
        {
            var status = decoder.Decompress(source, text.GetSpan(4096), out var consumed, out var written);
            text.Advance(written);
            source = source[consumed..];
            if (status == OperationStatus.Done) break;
            if (status != OperationStatus.DestinationTooSmall)
            {
                throw new InvalidDataException(status == OperationStatus.NeedMoreData ? "a packed feed batch cut short" : "not a packed feed batch");
            }
        }

        if (!source.IsEmpty) throw new InvalidDataException($"{source.Length} bytes after a packed feed batch");
        return [.. Encoding.UTF8.GetString(text.WrittenSpan).Split('\n')];
    }
}
