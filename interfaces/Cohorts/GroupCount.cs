using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>How many people of a cohort fall in one group: its values, in the order of the definition's <c>groupBy</c>.</summary>
[GenerateSerializer, Immutable, Alias("linkage.GroupCount")]
public sealed record GroupCount
{
    /// <summary>The group's values (<c>"F"</c>, <c>"60-69"</c>, <c>"13"</c>, <c>"2023"</c>, <c>"yes"</c>...) in <c>groupBy</c> order.</summary>
    [Id(0)] public required ImmutableArray<string> Key { get; init; }

    [Id(1)] public required long Count { get; init; }

    public bool Equals(GroupCount? other) => other is not null && Count == other.Count && Key.SequenceEqual(other.Key);

    public override int GetHashCode() => HashCode.Combine(Count, Key.Length);
}
