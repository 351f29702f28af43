namespace Linkage.Feeds;

/// <summary>A vital sign from daily life (PHR): type, value and the moment it was measured.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.VitalData")]
public sealed record VitalData : EventData
{
    public override EventKind Kind => EventKind.Vital;

    /// <summary><c>sbp</c>, <c>dbp</c>, <c>hr</c>, <c>weight</c>, <c>steps</c>, <c>spo2</c> or <c>glucose</c>.</summary>
    [Id(0)] public required string Type { get; init; }

    [Id(1)] public required double Value { get; init; }

    /// <summary>ISO-8601 date-time with offset, as the feed gave it.</summary>
    [Id(2)] public required string At { get; init; }
}
