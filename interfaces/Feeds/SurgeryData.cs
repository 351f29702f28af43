namespace Linkage.Feeds;

/// <summary>A surgical outcome: K-code, complication and length of stay.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.SurgeryData")]
public sealed record SurgeryData : EventData
{
    public override EventKind Kind => EventKind.Surgery;

    [Id(0)] public required string Code { get; init; }

    [Id(1)] public bool? Complication { get; init; }

    /// <summary>Length of stay in days.</summary>
    [Id(2)] public int? Los { get; init; }
}
