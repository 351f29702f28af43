namespace Linkage.Engine;

/// <summary>How component snapshots are spread over Azure tables (<c>Linkage:Engine:SnapshotTables</c>).</summary>
public enum SnapshotTableLayout
{
    /// <summary>
    /// Each snapshot partition in a table of its own. Azure serves tables and partitions alike; Azurite keeps each
    /// table in one LokiJS collection whose every replace costs a pass over the collection, so one table for every
    /// partition made each snapshot write cost in proportion to all the people stored (docs/engine.md).
    /// </summary>
    TablePerPartition,

    /// <summary>Every partition in one table: the layout before 2026-12-07, for deployments whose snapshots are there.</summary>
    OneTable,
}
