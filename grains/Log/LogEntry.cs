using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Log;

/// <summary>
/// One batch in an ingest log: its accepted record versions and the component each of its routing keys was resolved
/// to, so that replay routes it exactly as it was routed and can restore directory entries a crash took from memory.
/// </summary>
/// <remarks>
/// The versions are stored as their events-v1 lines, read back by the very parser that took them: compact, cheap to
/// write (no object graph to walk), and readable by any later version of Linkage.
/// </remarks>
public sealed record LogEntry
{
    private const byte FormatVersion = 1;

    /// <summary>Position in its log: increasing, from 1.</summary>
    public required long Sequence { get; init; }

    public required ImmutableArray<FeedEvent> Events { get; init; }

    /// <summary>The hashes of the batch's distinct routing keys.</summary>
    public required ImmutableArray<ulong> Keys { get; init; }

    /// <summary>The component each of <see cref="Keys"/> was resolved to, in the same order.</summary>
    public required ImmutableArray<ComponentId> Components { get; init; }

    /// <summary>Writes the entry: version, sequence, the events as NDJSON, then the keys and their components.</summary>
    public void WriteTo(ArrayBufferWriter<byte> output)
    {
        Span<byte> header = stackalloc byte[17];
        header[0] = FormatVersion;
        BinaryPrimitives.WriteInt64LittleEndian(header[1..], Sequence);
        BinaryPrimitives.WriteInt32LittleEndian(header[9..], Events.Length);
        var start = output.WrittenCount;
        output.Write(header);

        // The lines go straight into the output; their length is filled in after.
        FeedEventJson.WriteLines(output, Events);

        var linesLength = output.WrittenCount - start - header.Length;
        BinaryPrimitives.WriteInt32LittleEndian(MemoryMarshal.AsMemory(output.WrittenMemory).Span[(start + 13)..], linesLength);
        var pairs = output.GetSpan(4 + Keys.Length * 16);
        BinaryPrimitives.WriteInt32LittleEndian(pairs, Keys.Length);
        for (var i = 0; i < Keys.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(pairs[(4 + i * 16)..], Keys[i]);
            BinaryPrimitives.WriteInt64LittleEndian(pairs[(4 + i * 16 + 8)..], Components[i].Value);
        }

        output.Advance(4 + Keys.Length * 16);
    }

    /// <summary>Reads an entry <see cref="WriteTo"/> wrote, parsing its events again.</summary>
    /// <exception cref="InvalidDataException">Not an entry of this format, or an event no longer parses.</exception>
    public static LogEntry Read(ReadOnlySpan<byte> data)
    {
        if (data.Length < 17 || data[0] != FormatVersion) throw new InvalidDataException($"not a log entry of format {FormatVersion}");
        var sequence = BinaryPrimitives.ReadInt64LittleEndian(data[1..]);
        var count = BinaryPrimitives.ReadInt32LittleEndian(data[9..]);
        var linesLength = BinaryPrimitives.ReadInt32LittleEndian(data[13..]);
        var lines = data.Slice(17, linesLength);
        var events = ImmutableArray.CreateBuilder<FeedEvent>(count);
        var number = 0;
        while (!lines.IsEmpty)
        {
            var end = lines.IndexOf((byte)'\n');
            var line = end < 0 ? lines : lines[..end];
            lines = end < 0 ? [] : lines[(end + 1)..];
            var parsed = FeedLineParser.Parse(line, ++number);
            events.Add(parsed.Event ?? throw new InvalidDataException($"log entry {sequence}: event {number} no longer parses: {parsed.Rejection?.Reason}"));
        }

        var rest = data[(17 + linesLength)..];
        var keyCount = BinaryPrimitives.ReadInt32LittleEndian(rest);
        var keys = new ulong[keyCount];
        var components = new ComponentId[keyCount];
        for (var i = 0; i < keyCount; i++)
        {
            keys[i] = BinaryPrimitives.ReadUInt64LittleEndian(rest[(4 + i * 16)..]);
            components[i] = new ComponentId(BinaryPrimitives.ReadInt64LittleEndian(rest[(12 + i * 16)..]));
        }

        return new LogEntry
        {
            Sequence = sequence,
            Events = events.Count == count ? events.MoveToImmutable() : throw new InvalidDataException($"log entry {sequence}: {events.Count} events, not {count}"),
            Keys = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(keys),
            Components = System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(components),
        };
    }
}
