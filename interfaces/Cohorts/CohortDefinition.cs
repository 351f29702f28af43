using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>A cohort-v1 definition: who enters, when, what they must and must not have, and how to group them.</summary>
[GenerateSerializer, Immutable, Alias("linkage.CohortDefinition")]
public sealed record CohortDefinition
{
    /// <summary>The default of <see cref="MinCell"/> when a definition gives none.</summary>
    public const int DefaultMinCell = 10;

    /// <summary>The event that makes a person enter; the entry date is the earliest such event in <see cref="Period"/>.</summary>
    [Id(0)] public required CohortCriterion Entry { get; init; }

    [Id(1)] public DatePeriod? Period { get; init; }

    /// <summary>Each needs at least one matching event inside its window.</summary>
    [Id(2)] public ImmutableArray<CohortCriterion> Require { get; init; } = [];

    /// <summary>Any matching event inside one of these windows drops the person.</summary>
    [Id(3)] public ImmutableArray<CohortCriterion> Exclude { get; init; } = [];

    [Id(4)] public AgeRange? Age { get; init; }

    [Id(5)] public Sex? Sex { get; init; }

    /// <summary>Prefecture codes a person must have; empty for any.</summary>
    [Id(6)] public ImmutableArray<string> Pref { get; init; } = [];

    /// <summary>
    /// Adds <c>yes</c>/<c>no</c> per person: a matching event inside its window. With <see cref="Survival"/> its
    /// window starts at day 0: the parser sets an absent <c>from</c> to 0.
    /// </summary>
    [Id(7)] public CohortCriterion? Outcome { get; init; }

    [Id(8)] public ImmutableArray<GroupKey> GroupBy { get; init; } = [];

    /// <summary>Counts from 1 to <see cref="MinCell"/> - 1 are suppressed; never below the server's floor.</summary>
    [Id(9)] public int MinCell { get; init; } = DefaultMinCell;

    [Id(10)] public SurvivalRequest? Survival { get; init; }

    public bool Equals(CohortDefinition? other) =>
        other is not null && Entry == other.Entry && Period == other.Period && Require.SequenceEqual(other.Require)
        && Exclude.SequenceEqual(other.Exclude) && Age == other.Age && Sex == other.Sex && Pref.SequenceEqual(other.Pref)
        && Outcome == other.Outcome && GroupBy.SequenceEqual(other.GroupBy) && MinCell == other.MinCell && Survival == other.Survival;

    public override int GetHashCode() => HashCode.Combine(Entry, Period, Require.Length, Exclude.Length, Age, Sex, GroupBy.Length, MinCell);
}
