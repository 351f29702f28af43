using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Ingest;

/// <summary>Routes validated record versions to their components; answers once they are durably stored.</summary>
[Alias("linkage.IRecordRouterGrain")]
public interface IRecordRouterGrain : IGrainWithIntegerKey
{
    [Alias("Route")]
    Task<IngestTally> Route(ImmutableArray<FeedEvent> events);
}
