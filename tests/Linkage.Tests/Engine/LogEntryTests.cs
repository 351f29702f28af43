using System.Buffers;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Linkage.Engine;
using Linkage.Feeds;
using Linkage.Linking;
using Linkage.Log;
using Linkage.Population;
using Linkage.Storage;

namespace Linkage.Tests.Engine;

/// <summary>Log entries read back as written, framed so that a torn or corrupted append is found and nothing after it is read.</summary>
public sealed class LogEntryTests
{
    private static readonly ImmutableArray<FeedEvent> Events = [.. PopulationGenerator.Generate(new PopulationOptions { People = 40, Seed = 7 })
        .Lines.Select(l => FeedLineParser.Parse(l.Text, 1).Event).OfType<FeedEvent>().Take(300)];

    [Fact]
    public void An_entry_reads_back_with_its_events_keys_and_components()
    {
        var entry = Entry(42, Events);
        var output = new ArrayBufferWriter<byte>();
        entry.WriteTo(output);

        var read = LogEntry.Read(output.WrittenSpan);

        Assert.Equal(42, read.Sequence);
        Assert.Equal(entry.Events.Select(FeedEventJson.ToJson), read.Events.Select(FeedEventJson.ToJson));
        Assert.Equal(entry.Keys.ToArray(), read.Keys.ToArray());
        Assert.Equal(entry.Components.ToArray(), read.Components.ToArray());
    }

    [Fact]
    public void Entries_sealed_in_place_read_back_in_order_and_a_torn_tail_is_reported()
    {
        var frames = new ArrayBufferWriter<byte>();
        foreach (var (sequence, events) in new[] { (1L, Events[..100]), (2L, Events[100..]), (3L, ImmutableArray<FeedEvent>.Empty) })
        {
            var start = frames.WrittenCount;
            frames.GetSpan(LogFrames.HeaderBytes);
            frames.Advance(LogFrames.HeaderBytes);
            Entry(sequence, events).WriteTo(frames);
            LogFrames.Seal(MemoryMarshal.AsMemory(frames.WrittenMemory).Span[start..]);
        }

        var whole = LogFrames.Read(frames.WrittenMemory, out var torn);
        Assert.False(torn);
        Assert.Equal([1L, 2L, 3L], whole.Select(p => LogEntry.Read(p.Span).Sequence));
        Assert.Equal(Events.Select(FeedEventJson.ToJson), whole.SelectMany(p => LogEntry.Read(p.Span).Events).Select(FeedEventJson.ToJson));

        // An append cut short: the whole frames before it are read, and the log says it is torn.
        var cut = LogFrames.Read(frames.WrittenMemory[..^5], out torn);
        Assert.True(torn);
        Assert.Equal(2, cut.Count);

        // A flipped byte in the second entry: reading stops before it.
        var corrupt = frames.WrittenMemory.ToArray();
        corrupt[whole[0].Length + LogFrames.HeaderBytes * 2 + 40] ^= 0x20;
        Assert.Single(LogFrames.Read(corrupt, out torn));
        Assert.True(torn);
    }

    private static LogEntry Entry(long sequence, ImmutableArray<FeedEvent> events)
    {
        var keys = events.Select(e => RoutingKey.HashOfRecord(e.Key)).Distinct().ToImmutableArray();
        return new LogEntry
        {
            Sequence = sequence,
            Events = events,
            Keys = keys,
            Components = [.. keys.Select(k => new ComponentId((long)(k >> 1)))],
        };
    }
}
