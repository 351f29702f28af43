using System.Buffers;
using Linkage.Cohorts.Index;
using static Linkage.Tests.Cohorts.Index.Summaries;

namespace Linkage.Tests.Cohorts.Index;

/// <summary>
/// The index reuses its encoding buffers from one update to the next and its segment builders from one merge to the
/// next: what it writes must be exactly what fresh ones write.
/// </summary>
public sealed class BufferReuseTests
{
    [Fact]
    public void Encoding_with_reused_buffers_writes_the_bytes_a_fresh_encoding_writes()
    {
        var random = new Random(5);
        var scratch = new PersonEncoding.Scratch();
        for (var u = 0; u < 200; u++)
        {
            // Components of one to four people: a code of one update must not count as known in the next.
            var update = Component(u, RandomPeople.Make(random, 1 + random.Next(4)));
            Assert.Equal(PersonEncoding.Encode(update, new PersonEncoding.Scratch()), PersonEncoding.Encode(update, scratch));
        }
    }

    [Fact]
    public void A_builder_returned_after_a_build_builds_the_next_segment_as_a_fresh_one_does()
    {
        var random = new Random(6);
        var first = Encoded(random, components: 120);
        var second = Encoded(random, components: 40);
        var survivors = Built(new SegmentBuilder(), first);

        // What the reused builder held before: the codes, a facility and a value no later row has.
        var earlier = PersonEncoding.Encode(Component(1, Person([Diagnosis("2021-01-01", "Z99") with { Facility = "9990000009", Pref = "47" }, Lab("2021-01-02", "ZZZ", 1.5)])));
        var reused = new SegmentBuilder();
        Built(reused, [.. second, (999_999, earlier)]);
        reused.Reset();
        reused.AddSurvivors(survivors, deadSlots: null);
        foreach (var (component, bytes) in second) PersonEncoding.Read(bytes, component, reused);

        var fresh = new SegmentBuilder();
        fresh.AddSurvivors(survivors, deadSlots: null);
        foreach (var (component, bytes) in second) PersonEncoding.Read(bytes, component, fresh);

        Assert.Equal(Bytes(fresh.Build()), Bytes(reused.Build()));
    }

    private static (long Component, byte[] Bytes)[] Encoded(Random random, int components) =>
        [.. Enumerable.Range(0, components).Select(c => ((long)random.Next(1_000), PersonEncoding.Encode(Component(c, RandomPeople.Make(random, 1 + random.Next(3))))))];

    private static IndexSegment Built(SegmentBuilder builder, (long Component, byte[] Bytes)[] encoded)
    {
        foreach (var (component, bytes) in encoded) PersonEncoding.Read(bytes, component, builder);
        return builder.Build();
    }

    private static byte[] Bytes(IndexSegment segment)
    {
        var output = new ArrayBufferWriter<byte>();
        SegmentFormat.Write(new SnapshotWriter(output), segment);
        return output.WrittenSpan.ToArray();
    }
}
