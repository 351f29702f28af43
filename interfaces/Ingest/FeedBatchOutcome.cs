using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Ingest;

/// <summary>What became of one feed batch.</summary>
[GenerateSerializer, Immutable, Alias("linkage.FeedBatchOutcome")]
public sealed record FeedBatchOutcome
{
    [Id(0)] public required string BatchId { get; init; }

    [Id(1)] public required string File { get; init; }

    [Id(2)] public required IngestTally Tally { get; init; }

    [Id(3)] public required ImmutableArray<FeedRejection> Rejected { get; init; }

    /// <summary>Set when the whole batch was given up as poison after repeated failures.</summary>
    [Id(4)] public string? PoisonReason { get; init; }
}
