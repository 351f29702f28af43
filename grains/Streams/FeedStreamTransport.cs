using Linkage.Ingest;

namespace Linkage.Streams;

/// <summary>What carries the feed stream.</summary>
public enum FeedStreamTransport
{
    /// <summary>Azure Storage queues: durable, at least once, unordered.</summary>
    AzureQueue,

    /// <summary>In-memory queues: for tests.</summary>
    Memory,
}
