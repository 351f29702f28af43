namespace Linkage.Hosting;

/// <summary>The names silos, clients and tests must agree on: cluster ids, the storage prefix and the tables, containers and queues under it.</summary>
/// <remarks>The provider names are <see cref="Ingest.FeedStream.ProviderName"/> and, in the grains, <c>LinkageStorage</c>.</remarks>
public static class ClusterNames
{
    /// <summary>Default <c>Linkage:Cluster:ClusterId</c>: silos with the same id form one cluster.</summary>
    public const string DefaultClusterId = "linkage";

    /// <summary>Default <c>Linkage:Cluster:ServiceId</c>: stored grain state is keyed by it, so it must outlive deployments.</summary>
    public const string DefaultServiceId = "linkage";

    /// <summary>Default <c>Linkage:Storage:Prefix</c> of every table, container and queue.</summary>
    public const string DefaultStoragePrefix = "linkage";

    /// <summary>Default <c>Linkage:Streams:Queues</c>: the feed stream's queues, each read by one pulling agent.</summary>
    public const int DefaultFeedQueues = 4;

    /// <summary>The Azure table of cluster membership, which clients also read to find gateways.</summary>
    public static string MembershipTable(string prefix) => prefix + "membership";

    /// <summary>The Azure table of the key grains' state.</summary>
    public static string KeysTable(string prefix) => prefix + "keys";

    /// <summary>The blob container of the component grains' state.</summary>
    public static string ComponentsContainer(string prefix) => prefix + "-components";

    /// <summary>The Azure queues of the feed stream.</summary>
    public static List<string> FeedQueues(string prefix, int queues) =>
        Enumerable.Range(0, queues).Select(i => $"{prefix}-feed-{i}").ToList();
}
