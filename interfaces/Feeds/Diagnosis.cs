namespace Linkage.Feeds;

/// <summary>A diagnosis on a receipt: an ICD-10 code, whether it is only suspected, whether it is the main one.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.Diagnosis")]
public sealed record Diagnosis
{
    [Id(0)] public required string Code { get; init; }

    [Id(1)] public bool Suspected { get; init; }

    [Id(2)] public bool Main { get; init; }
}
