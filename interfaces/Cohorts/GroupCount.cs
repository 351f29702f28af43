using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>How many people of a cohort fall in one group: its values, in the order of the definition's <c>groupBy</c>.</summary>
[GenerateSerializer, Immutable, Alias("linkage.GroupCount")]
public sealed record GroupCount
{
    /// <summary>The group's values (<c>"F"</c>, <c>"60-69"</c>, <c>"13"</c>, <c>"2023"</c>, <c>"yes"</c>...) in <c>groupBy</c> order.</summary>
    [Id(0)] public required ImmutableArray<string> Key { get; init; }

    [Id(1)] public required long Count { get; init; }

    /// <summary>The sum of the group's people's perturbation keys modulo 2^64; 0 when the query is not perturbed.</summary>
    [Id(2)] public ulong KeySum { get; init; }

    public bool Equals(GroupCount? other) => other is not null && Count == other.Count && KeySum == other.KeySum && Key.SequenceEqual(other.Key);

    public override int GetHashCode() => HashCode.Combine(Count, Key.Length);
}
