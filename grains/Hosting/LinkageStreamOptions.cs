using System.ComponentModel.DataAnnotations;

namespace Linkage.Hosting;

/// <summary>How the feed stream is carried.</summary>
public sealed class LinkageStreamOptions
{
    public const string SectionName = "Linkage:Streams";

    /// <summary><see cref="FeedStreamTransport.AzureQueue"/> in deployments, <see cref="FeedStreamTransport.Memory"/> in tests.</summary>
    public FeedStreamTransport Transport { get; set; } = FeedStreamTransport.AzureQueue;

    /// <summary>Number of queues, each read by one pulling agent.</summary>
    [Range(1, 64)]
    public int Queues { get; set; } = 4;
}
