using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>One group of a published answer: its values in <c>groupBy</c> order, and its count unless suppressed.</summary>
[GenerateSerializer, Immutable, Alias("linkage.CohortGroup")]
public sealed record CohortGroup
{
    [Id(0)] public required ImmutableArray<string> Key { get; init; }

    /// <summary>Null when the count is from 1 to <c>minCell</c> - 1 (small-cell suppression).</summary>
    [Id(1)] public required long? Count { get; init; }

    public bool Equals(CohortGroup? other) => other is not null && Count == other.Count && Key.SequenceEqual(other.Key);

    public override int GetHashCode() => HashCode.Combine(Count, Key.Length);
}
