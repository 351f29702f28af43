namespace Linkage.Client.Streaming;

/// <summary>Where a Linkage cluster is: its storage account (membership and queues) and ids.</summary>
public sealed record LinkageClusterConnection
{
    public string StorageConnectionString { get; init; } = "UseDevelopmentStorage=true";

    public string StoragePrefix { get; init; } = "linkage";

    public string ClusterId { get; init; } = "linkage";

    public string ServiceId { get; init; } = "linkage";

    /// <summary>Must equal the host's <c>Linkage:Streams:Queues</c>.</summary>
    public int StreamQueues { get; init; } = 4;
}
