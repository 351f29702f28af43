using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.Streams;

/// <summary>Stored state of a source's feed ledger.</summary>
[GenerateSerializer, Alias("linkage.FeedLedgerState")]
public sealed class FeedLedgerState
{
    [Id(0)] public long Accepted { get; set; }

    [Id(1)] public long Duplicates { get; set; }

    [Id(2)] public int Batches { get; set; }

    /// <summary>Most recent rejected lines, oldest first.</summary>
    [Id(7)] public List<FeedRejection> Rejected { get; set; } = [];

    /// <summary>Most recent batch ids, oldest first, so a redelivered batch is not counted twice.</summary>
    [Id(4)] public List<string> RecentBatches { get; set; } = [];

    [Id(5)] public long OptedOut { get; set; }

    /// <summary>Deliveries of batches already counted (the stream is at least once).</summary>
    [Id(6)] public long Redelivered { get; set; }

    /// <summary>Lines rejected in all, also those no longer kept in <see cref="Rejected"/>.</summary>
    [Id(8)] public long RejectedLines { get; set; }
}
