using Linkage.Hosting;

namespace Linkage.Client.Streaming;

/// <summary>Where a Linkage cluster is: its storage account (membership and queues) and ids.</summary>
public sealed record LinkageClusterConnection
{
    public string StorageConnectionString { get; init; } = "UseDevelopmentStorage=true";

    /// <summary>Must equal the host's <c>Linkage:Storage:Prefix</c>.</summary>
    public string StoragePrefix { get; init; } = ClusterNames.DefaultStoragePrefix;

    public string ClusterId { get; init; } = ClusterNames.DefaultClusterId;

    public string ServiceId { get; init; } = ClusterNames.DefaultServiceId;

    /// <summary>Must equal the host's <c>Linkage:Streams:Queues</c>.</summary>
    public int StreamQueues { get; init; } = ClusterNames.DefaultFeedQueues;
}
