using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>The people of a set of current records, as <see cref="LinkageRules.Partition"/> computes them.</summary>
public sealed class PeoplePartition
{
    private readonly Dictionary<RecordKey, int> _indexOfRecord;
    private readonly LinkedPerson[] _personOfRecord;
    private readonly Dictionary<string, LinkedPerson[]> _peopleOfToken;

    internal PeoplePartition(
        IReadOnlyList<LinkedPerson> people,
        Dictionary<RecordKey, int> indexOfRecord,
        LinkedPerson[] personOfRecord,
        Dictionary<string, LinkedPerson[]> peopleOfToken,
        ImmutableSortedSet<string> ambiguousId2)
    {
        People = people;
        _indexOfRecord = indexOfRecord;
        _personOfRecord = personOfRecord;
        _peopleOfToken = peopleOfToken;
        AmbiguousId2 = ambiguousId2;
    }

    /// <summary>The partition of no records.</summary>
    public static PeoplePartition Empty { get; } = new(
        [], new Dictionary<RecordKey, int>(), [], new Dictionary<string, LinkedPerson[]>(StringComparer.Ordinal),
        ImmutableSortedSet.Create<string>(StringComparer.Ordinal));

    /// <summary>Every person, sorted by <see cref="LinkedPerson.Id"/> (ordinal).</summary>
    public IReadOnlyList<LinkedPerson> People { get; }

    /// <summary>The <c>id2</c> tokens held by two conflicting strong clusters; they join nobody.</summary>
    public IReadOnlySet<string> AmbiguousId2 { get; }

    /// <summary>The person a record belongs to, or null when the record is not in the set.</summary>
    public LinkedPerson? PersonOf(RecordKey record) =>
        _indexOfRecord.TryGetValue(record, out var index) ? _personOfRecord[index] : null;

    /// <summary>
    /// The people whose records carry <paramref name="token"/>, sorted by id: one for a mid, an id1 or an
    /// unambiguous id2; several for an ambiguous id2; none for an unknown token.
    /// </summary>
    public IReadOnlyList<LinkedPerson> PeopleHolding(string token) =>
        _peopleOfToken.TryGetValue(token, out var people) ? people : [];
}
