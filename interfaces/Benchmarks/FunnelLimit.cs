namespace Linkage.Benchmarks;

/// <summary>A facility's control limits at one coverage; <see cref="High"/> is null when its expected count is 0 (no upper bound).</summary>
[GenerateSerializer, Immutable, Alias("linkage.FunnelLimit")]
public sealed record FunnelLimit([property: Id(0)] double Coverage, [property: Id(1)] double Low, [property: Id(2)] double? High);
