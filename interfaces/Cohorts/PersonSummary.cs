using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>
/// What cohort criteria can see of one linked person: the subject fields of their latest record, the date of
/// their latest record, and the matchable facts of each current record. Component grains send these to the index.
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.PersonSummary")]
public sealed record PersonSummary
{
    /// <summary>The person id (<c>p.</c>...), for tracing; criteria never look at it.</summary>
    [Id(0)] public required string Person { get; init; }

    /// <summary>Sex of the latest record (latest by date, then source, then recordId).</summary>
    [Id(1)] public required Sex Sex { get; init; }

    /// <summary>Birth month of the latest record, <c>YYYY-MM</c>.</summary>
    [Id(2)] public required string Birth { get; init; }

    /// <summary>Prefecture of the latest record, when it gives one.</summary>
    [Id(3)] public string? Pref { get; init; }

    /// <summary>The date of the person's latest current record of any kind (where survival times are censored).</summary>
    [Id(4)] public required DateOnly LastDate { get; init; }

    /// <summary>One entry per current record, sorted by date.</summary>
    [Id(5)] public required ImmutableArray<SummaryEvent> Events { get; init; }

    public bool Equals(PersonSummary? other) =>
        other is not null && Person == other.Person && Sex == other.Sex && Birth == other.Birth && Pref == other.Pref
        && LastDate == other.LastDate && Events.SequenceEqual(other.Events);

    public override int GetHashCode() => HashCode.Combine(Person, Sex, Birth, Pref, LastDate, Events.Length);
}
