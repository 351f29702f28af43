using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>One person as the linkage rules see them: an id, their current records and every token those records carry.</summary>
[GenerateSerializer, Immutable, Alias("linkage.LinkedPerson")]
public sealed record LinkedPerson
{
    /// <summary>
    /// <c>p.</c> + the smallest anchor token (mid, id1 or unambiguous id2), or <c>p.rec:source/recordId</c>
    /// of the smallest record when the person holds only ambiguous id2 tokens.
    /// </summary>
    [Id(0)] public required string Id { get; init; }

    /// <summary>The person's records, sorted.</summary>
    [Id(1)] public required ImmutableArray<RecordKey> Records { get; init; }

    /// <summary>Every token of the person's records (ambiguous id2 tokens too), sorted ordinally.</summary>
    [Id(2)] public required ImmutableArray<string> Tokens { get; init; }

    public bool Equals(LinkedPerson? other) =>
        other is not null && Id == other.Id && Records.SequenceEqual(other.Records) && Tokens.SequenceEqual(other.Tokens);

    public override int GetHashCode() => HashCode.Combine(Id, Records.Length, Tokens.Length);
}
