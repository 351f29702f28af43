using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Ingest;

/// <summary>Per source: what arrived through the feed stream, and the lines it could not take with their reasons.</summary>
[Alias("linkage.IFeedLedgerGrain")]
public interface IFeedLedgerGrain : IGrainWithStringKey
{
    [Alias("Record")]
    Task Record(FeedBatchOutcome outcome);

    [Alias("Get")]
    Task<FeedLedgerView> GetLedger();
}
