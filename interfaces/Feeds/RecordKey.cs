namespace Linkage.Feeds;

/// <summary>Identifies a record across its versions: (source, recordId).</summary>
[GenerateSerializer, Immutable, Alias("linkage.RecordKey")]
public readonly record struct RecordKey(
    [property: Id(0)] string Source,
    [property: Id(1)] string RecordId) : IComparable<RecordKey>
{
    public int CompareTo(RecordKey other)
    {
        var bySource = string.CompareOrdinal(Source, other.Source);
        return bySource != 0 ? bySource : string.CompareOrdinal(RecordId, other.RecordId);
    }

    public override string ToString() => $"{Source}/{RecordId}";
}
