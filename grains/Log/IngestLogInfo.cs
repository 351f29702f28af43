namespace Linkage.Log;

/// <summary>A log in storage: who writes it and how far snapshots hold it.</summary>
/// <param name="LogId">The log's id.</param>
/// <param name="Silo">The silo process that writes it (address and generation).</param>
/// <param name="Checkpoint">Every entry with a sequence number up to this is held by snapshots.</param>
public sealed record IngestLogInfo(string LogId, string Silo, long Checkpoint);
