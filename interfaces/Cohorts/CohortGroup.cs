using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>One group of a published answer: its values in <c>groupBy</c> order, and its count unless suppressed.</summary>
[GenerateSerializer, Immutable, Alias("linkage.CohortGroup")]
public sealed record CohortGroup
{
    [Id(0)] public required ImmutableArray<string> Key { get; init; }

    /// <summary>Null when the count is from 1 to <c>minCell</c> - 1 (small-cell suppression).</summary>
    [Id(1)] public required long? Count { get; init; }

    /// <summary>
    /// The count is null although it is at least <c>minCell</c>: suppressed so that no small count can be worked out
    /// from the others (complementary suppression).
    /// </summary>
    [Id(2)] public bool Complementary { get; init; }

    public bool Equals(CohortGroup? other) => other is not null && Count == other.Count && Complementary == other.Complementary && Key.SequenceEqual(other.Key);

    public override int GetHashCode() => HashCode.Combine(Count, Key.Length);
}
