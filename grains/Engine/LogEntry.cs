using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Engine;

/// <summary>
/// One acknowledged-or-about-to-be batch in an ingest log: its accepted record versions and the component each of its
/// routing keys was resolved to, so that replay routes it exactly as it was routed and can restore directory
/// entries a crash took from memory.
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.LogEntry")]
public sealed record LogEntry
{
    /// <summary>Position in its log: increasing, from 1.</summary>
    [Id(0)] public required long Sequence { get; init; }

    [Id(1)] public required ImmutableArray<FeedEvent> Events { get; init; }

    /// <summary>The hashes of the batch's distinct routing keys.</summary>
    [Id(2)] public required ImmutableArray<ulong> Keys { get; init; }

    /// <summary>The component each of <see cref="Keys"/> was resolved to, in the same order.</summary>
    [Id(3)] public required ImmutableArray<ComponentId> Components { get; init; }
}
