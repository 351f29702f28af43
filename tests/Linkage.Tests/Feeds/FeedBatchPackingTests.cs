using Linkage.Ingest;

namespace Linkage.Tests.Feeds;

/// <summary>Packed feed batches give back exactly the lines packed, and smaller.</summary>
public sealed class FeedBatchPackingTests
{
    [Fact]
    public void Packed_lines_unpack_to_the_same_lines_in_order()
    {
        string[] lines = ["""{"source":"a","recordId":"r1"}""", "", "  ", "名前 μg/ｄL \u00e9", """{"broken""", "\r"];

        Assert.Equal(lines, FeedBatchPacking.Unpack(FeedBatchPacking.Pack(lines)).ToArray());
        Assert.Equal(["only"], FeedBatchPacking.Unpack(FeedBatchPacking.Pack(["only"])).ToArray());
    }

    [Fact]
    public void Repetitive_ndjson_packs_to_a_fraction_of_its_text()
    {
        var lines = Enumerable.Range(0, 300).Select(i =>
            $$$"""{"source":"clinic-a","recordId":"r{{{i}}}","version":1,"kind":"lab","date":"2024-04-01","subject":{"birth":"1950-03","sex":"F"},"data":{"code":"3D046000001920402","value":{{{i % 17}}}.1,"unit":"%"}}""").ToList();

        var packed = FeedBatchPacking.Pack(lines);

        Assert.True(packed.Length * 5 < lines.Sum(l => l.Length), $"packed {packed.Length} bytes of {lines.Sum(l => l.Length)} characters");
    }

    [Fact]
    public void A_line_holding_a_line_end_is_refused_and_bytes_that_are_not_a_packed_batch_are_named()
    {
        Assert.Throws<ArgumentException>(() => FeedBatchPacking.Pack(["one\ntwo"]));
        Assert.Throws<InvalidDataException>(() => FeedBatchPacking.Unpack([1, 2, 3, 4, 5]));
        var packed = FeedBatchPacking.Pack(["a line long enough to need more than a byte or two of brotli output"]);
        Assert.Throws<InvalidDataException>(() => FeedBatchPacking.Unpack(packed[..^2]));
    }
}
