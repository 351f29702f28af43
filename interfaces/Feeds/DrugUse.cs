namespace Linkage.Feeds;

/// <summary>A drug on a receipt with its days of supply.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.DrugUse")]
public sealed record DrugUse
{
    [Id(0)] public required string Code { get; init; }

    [Id(1)] public int? Days { get; init; }
}
