namespace Linkage.Feeds;

/// <summary>A dispensed or prescribed medication: YJ code and days of supply.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.MedicationData")]
public sealed record MedicationData : EventData
{
    public override EventKind Kind => EventKind.Medication;

    [Id(0)] public required string Code { get; init; }

    [Id(1)] public int? Days { get; init; }
}
