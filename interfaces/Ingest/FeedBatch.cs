using System.Collections.Immutable;

namespace Linkage.Ingest;

/// <summary>A batch of raw NDJSON lines from one feed file, the item of the feed stream.</summary>
/// <remarks>
/// Valid lines travel as they are (the cluster validates them again), packed (<see cref="FeedBatchPacking"/>) in
/// <see cref="PackedLines"/>; a bad line travels as its rejection only, which the cluster records. Field 3 held the
/// lines unpacked in an earlier version that no publisher wrote; it stays unused.
/// </remarks>
[GenerateSerializer, Immutable, Alias("linkage.FeedBatch")]
public sealed record FeedBatch
{
    /// <summary>Unique per batch (file and first line), so a redelivered batch can be recognised.</summary>
    [Id(0)] public required string BatchId { get; init; }

    /// <summary>The file the lines came from, for operators reading the rejects.</summary>
    [Id(1)] public required string File { get; init; }

    /// <summary>Line number in <see cref="File"/> of the batch's first line; lines are consecutive.</summary>
    [Id(2)] public required int FirstLine { get; init; }

    /// <summary>
    /// The lines, blank ones included, packed by <see cref="FeedBatchPacking.Pack"/>; a line the publisher did not
    /// send is an empty one here and named in <see cref="Rejected"/>. Never changed once made.
    /// </summary>
    /// <remarks>A byte array, which Orleans writes as one blob (an <c>ImmutableArray&lt;byte&gt;</c> is written a byte at a time, twice the size).</remarks>
    [Id(4)] public byte[] PackedLines { get; init; } = [];

    /// <summary>How many lines <see cref="PackedLines"/> holds.</summary>
    [Id(5)] public int PackedCount { get; init; }

    /// <summary>How many lines the batch holds.</summary>
    public int LineCount => PackedCount;

    /// <summary>The lines, unpacked.</summary>
    public ImmutableArray<string> ReadLines() => PackedLines.Length == 0 ? [] : FeedBatchPacking.Unpack(PackedLines);

    /// <summary>Lines of this batch the publisher did not send (too long, not UTF-8, or not a valid event), with core's reason.</summary>
    [Id(6)] public ImmutableArray<Linkage.Feeds.FeedRejection> Rejected { get; init; } = [];
}
