namespace Linkage.Storage;

/// <summary>Names of Linkage's grain storage providers.</summary>
public static class LinkageStorage
{
    /// <summary>Component snapshots: many small states, written in batches (<see cref="Storage.SnapshotGrainStorage"/>).</summary>
    public const string Snapshots = "linkage-snapshots";

    /// <summary>Small, rarely written grain state (feed ledgers), in Orleans' Azure table provider.</summary>
    public const string State = "linkage-state";
}
