using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>
/// A cohort counted but not yet published: exact counts per group and survival times per group, before small
/// cells are suppressed. Tallies of disjoint sets of people add up, so index partitions answer with one each.
/// </summary>
/// <remarks>
/// Summed (<c>CohortTallies.Sum</c>), a tally is in its canonical form: groups and survival groups sorted by key
/// (value by value, ordinal), none empty, and each survival group's intervals ending at its last non-empty one.
/// Compare tallies in that form.
/// </remarks>
[GenerateSerializer, Immutable, Alias("linkage.CohortTally")]
public sealed record CohortTally
{
    public static CohortTally Empty { get; } = new() { Total = 0, Groups = [], Survival = [] };

    /// <summary>People in the cohort.</summary>
    [Id(0)] public required long Total { get; init; }

    /// <summary>People per group of the definition's <c>groupBy</c> values; groups with no one are absent.</summary>
    [Id(1)] public required ImmutableArray<GroupCount> Groups { get; init; }

    /// <summary>With <c>survival</c>: per group of the <c>groupBy</c> values other than <c>outcome</c>, the times.</summary>
    [Id(2)] public required ImmutableArray<SurvivalCounts> Survival { get; init; }

    public bool Equals(CohortTally? other) =>
        other is not null && Total == other.Total && Groups.SequenceEqual(other.Groups) && Survival.SequenceEqual(other.Survival);

    public override int GetHashCode() => HashCode.Combine(Total, Groups.Length, Survival.Length);
}
