using System.ComponentModel.DataAnnotations;
using Linkage.Hosting;
using Linkage.Ingest;

namespace Linkage.Streams;

/// <summary>How the feed stream is carried.</summary>
public sealed class LinkageStreamOptions
{
    public const string SectionName = "Linkage:Streams";

    /// <summary><see cref="FeedStreamTransport.AzureQueue"/> in deployments, <see cref="FeedStreamTransport.Memory"/> in tests.</summary>
    public FeedStreamTransport Transport { get; set; } = FeedStreamTransport.AzureQueue;

    /// <summary>Number of queues, each read by one pulling agent; publishing clients must use the same number.</summary>
    [Range(1, 64, ErrorMessage = "must be between 1 and 64")]
    public int Queues { get; set; } = ClusterNames.DefaultFeedQueues;
}
