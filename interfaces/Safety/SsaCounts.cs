using System.Collections.Immutable;

namespace Linkage.Safety;

/// <summary>
/// What a sequence symmetry analysis counts over some people (safety-v1): everyone, the incident index's first days
/// and, per marker, its counts. Counts over disjoint people add up (SsaCountsMerge); the ratios are computed once,
/// after the merge, since the null-effect ratio pairs index and marker days across all people.
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.SsaCounts")]
public sealed record SsaCounts
{
    [Id(0)] public long People { get; init; }

    /// <summary><c>i_d</c>: the incident index's first days.</summary>
    [Id(1)] public required DayHistogram IndexDays { get; init; }

    /// <summary>One per marker with anyone counted, ordered by code (ordinal).</summary>
    [Id(2)] public required ImmutableArray<SsaMarkerCounts> Markers { get; init; }

    /// <summary>The sum of everyone's cell keys (cohort-v1's cell-key method) when counted for a perturbed answer; 0 otherwise.</summary>
    [Id(3)] public ulong PeopleKey { get; init; }

    /// <summary>The sum of the cell keys of the people with an incident index; 0 when not counted for a perturbed answer.</summary>
    [Id(4)] public ulong IndexKey { get; init; }

    public bool Equals(SsaCounts? other) =>
        other is not null && People == other.People && IndexDays.Equals(other.IndexDays) && Markers.SequenceEqual(other.Markers)
        && PeopleKey == other.PeopleKey && IndexKey == other.IndexKey;

    public override int GetHashCode() => HashCode.Combine(People, IndexDays, Markers.Length);
}
