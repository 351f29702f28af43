using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>The published life table of one group: its values (<c>groupBy</c> without <c>outcome</c>) and its intervals.</summary>
[GenerateSerializer, Immutable, Alias("linkage.SurvivalTable")]
public sealed record SurvivalTable
{
    [Id(0)] public required ImmutableArray<string> Key { get; init; }

    /// <summary>In order of time; small-cell intervals joined, the table cut before the first too small at risk.</summary>
    [Id(1)] public required ImmutableArray<SurvivalInterval> Intervals { get; init; }

    public bool Equals(SurvivalTable? other) => other is not null && Key.SequenceEqual(other.Key) && Intervals.SequenceEqual(other.Intervals);

    public override int GetHashCode() => HashCode.Combine(Key.Length, Intervals.Length);
}
