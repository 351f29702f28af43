using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>One person in a cohort as the reference evaluator sees them: when they entered, how they group, their time.</summary>
public sealed record CohortMember
{
    /// <summary>The earliest date of their events that match <c>entry</c> inside <c>period</c>.</summary>
    public required DateOnly EntryDate { get; init; }

    /// <summary>Age at entry in whole years (negative when the entry comes before the birth month).</summary>
    public required int Age { get; init; }

    /// <summary>Their values of the definition's <c>groupBy</c> keys, in order.</summary>
    public required ImmutableArray<string> Key { get; init; }

    /// <summary>With an <c>outcome</c>: whether a matching event is inside its window; null without one.</summary>
    public bool? Outcome { get; init; }

    /// <summary>With <c>survival</c>: days from entry to the outcome event, or to where they are censored; null without.</summary>
    public int? Time { get; init; }

    /// <summary>With <c>survival</c>: true when <see cref="Time"/> ends at an outcome event, false when censored.</summary>
    public bool IsEvent { get; init; }

    public bool Equals(CohortMember? other) =>
        other is not null && EntryDate == other.EntryDate && Age == other.Age && Key.SequenceEqual(other.Key)
        && Outcome == other.Outcome && Time == other.Time && IsEvent == other.IsEvent;

    public override int GetHashCode() => HashCode.Combine(EntryDate, Age, Key.Length, Outcome, Time, IsEvent);
}
