using System.Collections.Immutable;
using Linkage.Ingest;

namespace Linkage.Streams;

/// <summary>
/// One record of a feed ledger's journal: a base (the whole state, written when the journal is compacted) or the
/// outcomes of one delivery (a feed message's batches), applied in order on top of the base before it.
/// </summary>
/// <remarks>Only ever serialized to the journal's bytes, never passed between grains, so the mutable <see cref="Base"/>
/// is not shared: a ledger applies what it read into a state of its own.</remarks>
[GenerateSerializer, Immutable, Alias("linkage.FeedLedgerRecord")]
public sealed record FeedLedgerRecord
{
    [Id(0)] public FeedLedgerState? Base { get; init; }

    [Id(1)] public ImmutableArray<FeedBatchOutcome> Outcomes { get; init; } = [];
}
