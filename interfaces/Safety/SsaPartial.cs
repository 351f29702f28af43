using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>One index partition's sequence counts; the partials add up (SsaCountsMerge).</summary>
[GenerateSerializer, Immutable, Alias("linkage.SsaPartial")]
public sealed record SsaPartial : IndexPartial
{
    [Id(0)] public required SsaCounts Counts { get; init; }
}
