using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Ingest;

/// <summary>A source's stream ledger: batches seen, totals, and the most recent rejected lines.</summary>
[GenerateSerializer, Immutable, Alias("linkage.FeedLedgerView")]
public sealed record FeedLedgerView
{
    [Id(0)] public required string Source { get; init; }

    [Id(1)] public required int Batches { get; init; }

    [Id(2)] public required long Accepted { get; init; }

    [Id(3)] public required long Duplicates { get; init; }

    [Id(4)] public required ImmutableArray<FeedRejection> Rejected { get; init; }

    [Id(5)] public long OptedOut { get; init; }

    /// <summary>Deliveries of batches already counted: the stream delivers at least once, and they change nothing.</summary>
    [Id(6)] public long Redelivered { get; init; }

    /// <summary>Lines rejected in all (poison batches not counted); <see cref="Rejected"/> keeps only the most recent.</summary>
    [Id(7)] public long RejectedLines { get; init; }

    /// <summary>Ids of the most recent batches taken (up to 2,000), oldest first: each one's valid lines are durable.</summary>
    [Id(8)] public ImmutableArray<string> RecentBatches { get; init; } = [];
}
