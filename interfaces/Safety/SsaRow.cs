namespace Linkage.Safety;

/// <summary>One marker code of a screening: its ratios, and q, the Benjamini–Hochberg adjusted p over every code screened.</summary>
[GenerateSerializer, Immutable, Alias("linkage.SsaRow")]
public sealed record SsaRow
{
    [Id(0)] public required string Code { get; init; }

    [Id(1)] public required SsaRatios Ratios { get; init; }

    [Id(2)] public double? Q { get; init; }
}
