namespace Linkage.Hosting;

/// <summary>
/// The names of Linkage's tables, containers and queues in its storage account, from the deployment's prefix
/// (<c>Linkage:Storage:Prefix</c>). Silos, clients and tests all name storage through this type.
/// </summary>
public static class LinkageStorageNames
{
    /// <summary>The prefix used when none is configured.</summary>
    public const string DefaultPrefix = "linkage";

    /// <summary>Orleans cluster membership (Azure Table clustering).</summary>
    public static string MembershipTable(string prefix) => prefix + "membership";

    /// <summary>The feed stream's queues, one pulling agent each.</summary>
    public static IReadOnlyList<string> FeedQueues(string prefix, int queues) =>
        [.. Enumerable.Range(0, queues).Select(i => $"{prefix}-feed-{i}")];

    /// <summary>The catalogue of ingest logs: who writes each and its checkpoint.</summary>
    public static string LogTable(string prefix) => prefix + "logs";

    /// <summary>The ingest logs' segments (append blobs).</summary>
    public static string LogContainer(string prefix) => prefix + "-log";

    /// <summary>Component snapshots.</summary>
    public static string SnapshotTable(string prefix) => prefix + "snapshots";

    /// <summary>Component snapshots too large for a table entity.</summary>
    public static string SnapshotContainer(string prefix) => prefix + "-snapshots";

    /// <summary>Journals of the key directory and index partitions (append blobs).</summary>
    public static string JournalContainer(string prefix) => prefix + "-journal";

    /// <summary>Small grain state kept by Orleans' own table provider (feed ledgers).</summary>
    public static string StateTable(string prefix) => prefix + "state";

    /// <summary>The audit log of data reads and opt-outs.</summary>
    public static string AuditTable(string prefix) => prefix + "audit";

    /// <summary>Tokens of people who opted out.</summary>
    public static string OptOutTable(string prefix) => prefix + "optout";
}
