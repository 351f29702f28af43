namespace Linkage.Ingest;

/// <summary>What became of the valid record versions of an ingest: accepted, duplicates, or dropped because their person opted out.</summary>
[GenerateSerializer, Immutable, Alias("linkage.IngestTally")]
public readonly record struct IngestTally(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Duplicates,
    [property: Id(2)] int OptedOut = 0)
{
    public static IngestTally operator +(IngestTally a, IngestTally b) =>
        new(a.Accepted + b.Accepted, a.Duplicates + b.Duplicates, a.OptedOut + b.OptedOut);
}
