using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Ingest;

/// <summary>Per source: what arrived through the feed stream, and the lines it could not take with their reasons.</summary>
[Alias("linkage.IFeedLedgerGrain")]
public interface IFeedLedgerGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(FeedBatchOutcome outcome);

    /// <summary>Records the outcomes of one delivery (a feed message's batches) together: all of them, or none if it fails.</summary>
    [Alias("RecordAll")]
    Task RecordAll(ImmutableArray<FeedBatchOutcome> outcomes);

    [Alias("Get")]
    Task<FeedLedgerView> GetLedger();
}
