namespace Linkage.Linking;

/// <summary>Which person a current record belongs to.</summary>
[GenerateSerializer, Immutable, Alias("linkage.RecordLink")]
public sealed record RecordLink(
    [property: Id(0)] string Source,
    [property: Id(1)] string RecordId,
    [property: Id(2)] string Person);
