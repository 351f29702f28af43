namespace Linkage.Engine;

/// <summary>What the last recovery did.</summary>
[GenerateSerializer, Immutable, Alias("linkage.RecoveryReport")]
public sealed record RecoveryReport
{
    /// <summary>How many recoveries the coordinator has run since it was activated.</summary>
    [Id(0)] public required int Recoveries { get; init; }

    /// <summary>Logs read in the last recovery: those of silos that are gone, and those of the living.</summary>
    [Id(1)] public required int LogsReplayed { get; init; }

    /// <summary>Log entries (ingest batches) applied again in the last recovery.</summary>
    [Id(2)] public required long EntriesReplayed { get; init; }

    /// <summary>Record versions in those entries.</summary>
    [Id(3)] public required long EventsReplayed { get; init; }

    [Id(4)] public DateTimeOffset? CompletedAt { get; init; }
}
