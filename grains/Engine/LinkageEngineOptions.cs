using System.ComponentModel.DataAnnotations;
using Linkage.Cohorts;

namespace Linkage.Engine;

/// <summary>The ingest engine's shape and limits (<c>Linkage:Engine</c>).</summary>
public sealed class LinkageEngineOptions
{
    public const string SectionName = "Linkage:Engine";

    /// <summary>Key directory partitions. Fixed for a deployment: another number would file keys elsewhere.</summary>
    [Range(1, 4096)]
    public int KeyPartitions { get; set; } = 64;

    /// <summary>Cohort index partitions. Fixed for a deployment.</summary>
    [Range(1, 4096)]
    public int IndexPartitions { get; set; } = 64;

    /// <summary>Table partitions the component snapshots are filed in. Fixed for a deployment.</summary>
    [Range(1, 4096)]
    public int SnapshotPartitions { get; set; } = 64;

    /// <summary>
    /// Whether each snapshot partition has a table of its own (the default) or all share one, as before 2026-12-07.
    /// Fixed for a deployment: a store finding snapshots in the one table while set to a table per partition refuses
    /// to go on and names this setting.
    /// </summary>
    [EnumDataType(typeof(SnapshotTableLayout))]
    public SnapshotTableLayout SnapshotTables { get; set; } = SnapshotTableLayout.TablePerPartition;

    /// <summary>
    /// How long a snapshot partition's writer may hold a write to fill its transaction (100 entities) before it commits
    /// what it has (docs/engine.md, "Snapshots and checkpoints"); zero commits at once. Checkpoints wait for it, not
    /// acknowledgements, except an opt-out's (written at once, it waits for it once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01", ErrorMessage = "must be between 0 and 1 s")]
    public TimeSpan SnapshotLinger { get; set; } = TimeSpan.FromMilliseconds(5);

    /// <summary>
    /// Snapshot transactions a silo has under way at once, across its partitions: storage that serves them one at a time
    /// answers each later the more are sent, and past the client's timeout their retries repeat the work (docs/engine.md,
    /// "Snapshots and checkpoints"). Writers waiting for a slot fill their transactions meanwhile.
    /// </summary>
    [Range(1, 4096)]
    public int SnapshotTransactionsInFlight { get; set; } = 8;

    /// <summary>
    /// While the log is busy, at most two snapshot transactions under way (<see cref="Storage.AppendPriority"/>): the
    /// appends every acknowledgement waits for then queue in storage behind those two, not behind a checkpoint's all.
    /// </summary>
    public bool AppendPriority { get; set; } = true;

    /// <summary>Valid record versions per ingest batch: one log append, one call per directory partition touched.</summary>
    [Range(1, 100_000)]
    public int BatchEvents { get; set; } = 5_000;

    /// <summary>Batches of one request in flight at once.</summary>
    [Range(1, 64)]
    public int RequestParallelism { get; set; } = 2;

    /// <summary>Components a batch routes to at once.</summary>
    [Range(1, 100_000)]
    public int RouteParallelism { get; set; } = 2_048;

    /// <summary>Record versions in flight on a silo past which new ingests are refused at once with 503.</summary>
    [Range(1, 10_000_000)]
    public int MaxEventsInFlight { get; set; } = 60_000;

    /// <summary>Log appends slower than this (recent average) make new ingests 503: storage is behind.</summary>
    public TimeSpan MaxLogLatency { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Past this share of the memory the GC may use, new ingests are refused (503) until snapshots catch up.</summary>
    [Range(0.1, 1.0)]
    public double MaxMemoryLoad { get; set; } = 0.85;

    /// <summary>How often a silo writes the snapshots of what its ingests touched and moves its log's checkpoint.</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Snapshot writes (grain flushes) a checkpoint keeps in flight: with storage that takes its time, a partition's
    /// transaction holds at most about this divided by <see cref="SnapshotPartitions"/> (docs/engine.md, "Snapshots and checkpoints").
    /// </summary>
    [Range(1, 100_000)]
    public int FlushParallelism { get; set; } = 4_096;

    /// <summary>
    /// Component snapshot writes a checkpoint starts per second at most, so that its writes leave storage room for the
    /// log appends acknowledgements wait for; 0 for no cap (only <see cref="FlushParallelism"/> bounds them).
    /// </summary>
    [Range(0, 1_000_000)]
    public int SnapshotsPerSecond { get; set; }

    /// <summary>A component grain idle this long leaves memory (its snapshot written); at least a minute (Orleans' floor).</summary>
    public TimeSpan IdleAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Merges a silo gathers before a checkpoint has the key directory give their keys the survivors, after which their
    /// forwards are forgotten: each round is one pass over every directory partition, so it waits for many, and a
    /// silo's forwards stay under about this many (docs/engine.md, "Forwards are pruned").
    /// </summary>
    [Range(1, 10_000_000)]
    public int ForwardsPerRepoint { get; set; } = 10_000;

    /// <summary>How long the stream consumers wait for a recovering engine before letting a delivery fail.</summary>
    public TimeSpan RecoveryWait { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>
    /// A record version that cannot change who is who is added to its person without relinking the whole component
    /// (docs/linkage.md, "Incremental linking"); off, every change relinks the component.
    /// </summary>
    public bool IncrementalLinking { get; set; } = true;

    /// <summary>
    /// Checks incremental linking: after every batch linked in place the component also relinks itself fully, counts and
    /// logs any difference (<c>linkage.linking.shadow.mismatches</c>) and keeps the full result. Costs what incremental
    /// linking saves; for proving it on a population.
    /// </summary>
    public bool ShadowLinking { get; set; }
}
