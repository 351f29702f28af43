namespace Linkage.Hosting;

/// <summary>
/// The names silos, clients and tests must agree on: cluster ids, the storage prefix, and the tables, containers and
/// queues under it (<c>Linkage:Storage:Prefix</c>), so that several deployments or test runs can share an account.
/// </summary>
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

    /// <summary>The Azure queues of the feed stream.</summary>
    public static List<string> FeedQueues(string prefix, int queues) =>
        Enumerable.Range(0, queues).Select(i => $"{prefix}-feed-{i}").ToList();

    /// <summary>The catalogue of ingest logs: who writes each and its checkpoint.</summary>
    public static string LogTable(string prefix) => prefix + "logs";

    /// <summary>The ingest logs' segments (append blobs).</summary>
    public static string LogContainer(string prefix) => prefix + "-log";

    /// <summary>Component snapshots of every partition, when they share one table (the layout before 2026-12-07).</summary>
    public static string SnapshotTable(string prefix) => prefix + "snapshots";

    /// <summary>Component snapshots of one snapshot partition, in a table of its own.</summary>
    public static string SnapshotTable(string prefix, int partition) => SnapshotTable(prefix) + partition.ToString("x4");

    /// <summary>Component snapshots too large for a table entity.</summary>
    public static string SnapshotContainer(string prefix) => prefix + "-snapshots";

    /// <summary>Journals of the key directory and index partitions (append blobs).</summary>
    public static string JournalContainer(string prefix) => prefix + "-journal";

    /// <summary>Small, rarely written grain state kept by Orleans' own table provider (feed ledgers).</summary>
    public static string StateTable(string prefix) => prefix + "state";

    /// <summary>The audit log of data reads and opt-outs.</summary>
    public static string AuditTable(string prefix) => prefix + "audit";
}
