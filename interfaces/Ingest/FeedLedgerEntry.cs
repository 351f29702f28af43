namespace Linkage.Ingest;

/// <summary>A line (or a whole poison batch, line 0) that the feed stream could not take.</summary>
[GenerateSerializer, Immutable, Alias("linkage.FeedLedgerEntry")]
public sealed record FeedLedgerEntry(
    [property: Id(0)] string File,
    [property: Id(1)] int Line,
    [property: Id(2)] string Reason);
