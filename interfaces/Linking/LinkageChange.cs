using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>A merge or split of people, with the records whose arrival caused it.</summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking, Alias("linkage.LinkageChange")]
public sealed record LinkageChange
{
    [Id(0)] public required DateTimeOffset At { get; init; }

    [Id(1)] public required LinkageChangeKind Kind { get; init; }

    /// <summary>The people before the change.</summary>
    [Id(2)] public required ImmutableArray<string> Before { get; init; }

    /// <summary>The people after the change.</summary>
    [Id(3)] public required ImmutableArray<string> After { get; init; }

    /// <summary>The record versions whose arrival caused it (at most a few).</summary>
    [Id(4)] public required ImmutableArray<RecordKey> Cause { get; init; }

    public bool Concerns(string personId) => Before.Contains(personId) || After.Contains(personId);

    // By value, so that history handed over twice (a merge resumed after a crash) is recognised.
    public bool Equals(LinkageChange? other) =>
        other is not null && At == other.At && Kind == other.Kind
        && Before.SequenceEqual(other.Before) && After.SequenceEqual(other.After) && Cause.SequenceEqual(other.Cause);

    public override int GetHashCode() => HashCode.Combine(At, Kind, Before.Length, After.Length, Cause.Length);
}
