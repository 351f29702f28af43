using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>The people of a set of current records, as <see cref="LinkageRules.Partition"/> computes them.</summary>
/// <remarks>
/// <see cref="IncrementalPartition"/> adds records and people to a partition it owns in place (never to one
/// <see cref="LinkageRules.Partition"/> handed out elsewhere, nor to <see cref="Empty"/>): a person's records and tokens
/// are reached through a <see cref="PersonSlot"/>, so that replacing the person does not touch each record's entry.
/// </remarks>
public sealed class PeoplePartition
{
    private readonly List<LinkedPerson> _people;
    private readonly Dictionary<RecordKey, PersonSlot> _slotOfRecord;
    private readonly Dictionary<string, PersonSlot[]> _slotsOfToken;

    internal PeoplePartition(
        List<LinkedPerson> people,
        Dictionary<RecordKey, PersonSlot> slotOfRecord,
        Dictionary<string, PersonSlot[]> slotsOfToken,
        ImmutableSortedSet<string> ambiguousId2)
    {
        _people = people;
        _slotOfRecord = slotOfRecord;
        _slotsOfToken = slotsOfToken;
        AmbiguousId2 = ambiguousId2;
    }

    /// <summary>The partition of no records.</summary>
    public static PeoplePartition Empty { get; } = NewEmpty();

    /// <summary>Every person, sorted by <see cref="LinkedPerson.Id"/> (ordinal).</summary>
    public IReadOnlyList<LinkedPerson> People => _people;

    /// <summary>The <c>id2</c> tokens held by two conflicting strong clusters; they join nobody.</summary>
    public IReadOnlySet<string> AmbiguousId2 { get; }

    /// <summary>The person a record belongs to, or null when the record is not in the set.</summary>
    public LinkedPerson? PersonOf(RecordKey record) => _slotOfRecord.GetValueOrDefault(record)?.Person;

    /// <summary>
    /// The people whose records carry <paramref name="token"/>, sorted by id: one for a mid, an id1 or an
    /// unambiguous id2; several for an ambiguous id2; none for an unknown token.
    /// </summary>
    public IReadOnlyList<LinkedPerson> PeopleHolding(string token)
    {
        if (!_slotsOfToken.TryGetValue(token, out var slots)) return [];
        var people = new LinkedPerson[slots.Length];
        for (var i = 0; i < slots.Length; i++) people[i] = slots[i].Person;
        return people;
    }

    /// <summary>Whether <paramref name="other"/> has the same people (ids, records, tokens) and the same ambiguous id2 tokens.</summary>
    public bool HasSamePeopleAs(PeoplePartition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return _people.SequenceEqual(other.People) && AmbiguousId2.SetEquals(other.AmbiguousId2);
    }

    internal static PeoplePartition NewEmpty() => new(
        [], [], new Dictionary<string, PersonSlot[]>(StringComparer.Ordinal), ImmutableSortedSet.Create<string>(StringComparer.Ordinal));

    /// <summary>The slot of the one person holding a mid, an id1 or an unambiguous id2; null for an unknown token.</summary>
    internal PersonSlot? SoleHolderOf(string token) =>
        _slotsOfToken.TryGetValue(token, out var slots) && slots.Length == 1 ? slots[0] : null;

    internal PersonSlot? SlotOf(RecordKey record) => _slotOfRecord.GetValueOrDefault(record);

    /// <summary>
    /// Adds <paramref name="record"/> to the person of <paramref name="slot"/>, with <paramref name="newTokens"/> that no
    /// person held before; the person's id stays as it is.
    /// </summary>
    internal void AddRecord(PersonSlot slot, RecordKey record, ReadOnlySpan<string?> newTokens = default)
    {
        var person = slot.Person;
        var at = person.Records.BinarySearch(record);
        if (at >= 0) throw new ArgumentException($"record {record} is already held by {person.Id}", nameof(record));
        var tokens = person.Tokens;
        foreach (var token in newTokens)
        {
            if (token is null) continue;
            var position = tokens.BinarySearch(token, StringComparer.Ordinal);
            if (position >= 0 || _slotsOfToken.ContainsKey(token)) throw new ArgumentException($"token {token} is held already", nameof(newTokens));
            tokens = tokens.Insert(~position, token);
            _slotsOfToken[token] = [slot];
        }

        slot.Person = person with { Records = person.Records.Insert(~at, record), Tokens = tokens };
        _people[IndexOfPerson(person.Id)] = slot.Person;
        _slotOfRecord.Add(record, slot);
    }

    /// <summary>Adds a person whose records and tokens no other person holds.</summary>
    internal PersonSlot AddPerson(LinkedPerson person)
    {
        var at = IndexOfPerson(person.Id);
        if (at >= 0) throw new ArgumentException($"person {person.Id} is already in the partition", nameof(person));
        _people.Insert(~at, person);
        var slot = new PersonSlot(person);
        foreach (var record in person.Records) _slotOfRecord.Add(record, slot);
        foreach (var token in person.Tokens)
        {
            if (!_slotsOfToken.TryGetValue(token, out var holders))
            {
                _slotsOfToken[token] = [slot];
                continue;
            }

            // Kept sorted by person id, as PeopleHolding answers (only an ambiguous id2 has several holders).
            var position = 0;
            while (position < holders.Length && string.CompareOrdinal(holders[position].Person.Id, person.Id) < 0) position++;
            _slotsOfToken[token] = [.. holders.AsSpan(0, position), slot, .. holders.AsSpan(position)];
        }

        return slot;
    }

    private int IndexOfPerson(string id)
    {
        int low = 0, high = _people.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var order = string.CompareOrdinal(_people[middle].Id, id);
            if (order == 0) return middle;
            if (order < 0) low = middle + 1;
            else high = middle - 1;
        }

        return ~low;
    }
}
