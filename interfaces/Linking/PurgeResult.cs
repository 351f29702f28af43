using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>What a component purged for an opt-out: the person, their records and their anchors; or where to ask instead.</summary>
[GenerateSerializer, Immutable, Alias("linkage.PurgeResult")]
public sealed record PurgeResult
{
    /// <summary>Set when the component was merged away: ask this one.</summary>
    [Id(0)] public ComponentId? ForwardedTo { get; init; }

    /// <summary>The person who opted out; null when no one here holds the token.</summary>
    [Id(1)] public string? Person { get; init; }

    /// <summary>The records removed.</summary>
    [Id(2)] public ImmutableArray<RecordKey> Records { get; init; } = [];

    /// <summary>The person's anchors, now refused wherever they appear.</summary>
    [Id(3)] public ImmutableArray<string> Anchors { get; init; } = [];

    public bool Equals(PurgeResult? other) =>
        other is not null && ForwardedTo == other.ForwardedTo && Person == other.Person && Records.SequenceEqual(other.Records) && Anchors.SequenceEqual(other.Anchors);

    public override int GetHashCode() => HashCode.Combine(ForwardedTo, Person, Records.Length);
}
