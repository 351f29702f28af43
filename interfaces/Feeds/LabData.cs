namespace Linkage.Feeds;

/// <summary>A laboratory result: JLAC10 code, value and unit.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.LabData")]
public sealed record LabData : EventData
{
    public override EventKind Kind => EventKind.Lab;

    [Id(0)] public required string Code { get; init; }

    [Id(1)] public required double Value { get; init; }

    [Id(2)] public string? Unit { get; init; }
}
