namespace Linkage.Ingest;

/// <summary>How many record versions were accepted and how many were duplicates.</summary>
[GenerateSerializer, Immutable, Alias("linkage.IngestTally")]
public readonly record struct IngestTally(
    [property: Id(0)] int Accepted,
    [property: Id(1)] int Duplicates)
{
    public static IngestTally operator +(IngestTally a, IngestTally b) => new(a.Accepted + b.Accepted, a.Duplicates + b.Duplicates);
}
