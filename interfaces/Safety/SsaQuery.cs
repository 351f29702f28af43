using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>A sequence symmetry analysis asked of every index partition (safety-v1).</summary>
[GenerateSerializer, Immutable, Alias("linkage.SsaQuery")]
public sealed record SsaQuery : IndexQuery
{
    [Id(0)] public required SsaRequest Request { get; init; }

    /// <summary>Also sum the people's cell keys, for an answer the deployment's perturbation applies to (researchers).</summary>
    [Id(1)] public bool Keyed { get; init; }
}
