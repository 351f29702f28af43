using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>The people of a set of current records, as <see cref="LinkageRules.Partition"/> computes them.</summary>
/// <remarks>
/// <see cref="IncrementalPartition"/> adds records and people to a partition it owns in place (never to one
/// <see cref="LinkageRules.Partition"/> handed out elsewhere, nor to <see cref="Empty"/>): a person's records and tokens
/// are reached through a <see cref="PersonSlot"/>, so that replacing the person does not touch each record's entry.
/// A partition of one person (nearly every component) keeps no such entries: the person's own sorted records and
/// tokens answer, by binary search, what the tables answer for several; the tables are built when a second person comes.
/// They were a dictionary entry per record and per token in every component, about a kilobyte a person.
/// </remarks>
public sealed class PeoplePartition
{
    private readonly List<LinkedPerson> _people;

    /// <summary>The slot of each person, in the order of <see cref="_people"/>.</summary>
    private readonly List<PersonSlot> _slots;

    /// <summary>Null while the partition has at most one person.</summary>
    private Dictionary<RecordKey, PersonSlot>? _slotOfRecord;

    /// <summary>Null while the partition has at most one person.</summary>
    private Dictionary<string, PersonSlot[]>? _slotsOfToken;

    internal PeoplePartition(List<LinkedPerson> people, ImmutableSortedSet<string> ambiguousId2)
    {
        _people = people;
        _slots = new List<PersonSlot>(people.Count);
        foreach (var person in people) _slots.Add(new PersonSlot(person));
        AmbiguousId2 = ambiguousId2;
        if (people.Count > 1) BuildTables();
    }

    /// <summary>The partition of no records.</summary>
    public static PeoplePartition Empty { get; } = NewEmpty();

    /// <summary>Every person, sorted by <see cref="LinkedPerson.Id"/> (ordinal).</summary>
    public IReadOnlyList<LinkedPerson> People => _people;

    /// <summary>The <c>id2</c> tokens held by two conflicting strong clusters; they join nobody.</summary>
    public IReadOnlySet<string> AmbiguousId2 { get; }

    /// <summary>The person a record belongs to, or null when the record is not in the set.</summary>
    public LinkedPerson? PersonOf(RecordKey record) => SlotOf(record)?.Person;

    /// <summary>
    /// The people whose records carry <paramref name="token"/>, sorted by id: one for a mid, an id1 or an
    /// unambiguous id2; several for an ambiguous id2; none for an unknown token.
    /// </summary>
    public IReadOnlyList<LinkedPerson> PeopleHolding(string token)
    {
        if (_slotsOfToken is null) return Single(token) is { } only ? [only.Person] : [];
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

    internal static PeoplePartition NewEmpty() => new([], ImmutableSortedSet.Create<string>(StringComparer.Ordinal));

    /// <summary>The slot of the one person holding a mid, an id1 or an unambiguous id2; null for an unknown token.</summary>
    internal PersonSlot? SoleHolderOf(string token)
    {
        if (_slotsOfToken is null) return Single(token);
        return _slotsOfToken.TryGetValue(token, out var slots) && slots.Length == 1 ? slots[0] : null;
    }

    internal PersonSlot? SlotOf(RecordKey record)
    {
        if (_slotOfRecord is not null) return _slotOfRecord.GetValueOrDefault(record);
        return _slots.Count == 1 && _slots[0].Person.Records.BinarySearch(record) >= 0 ? _slots[0] : null;
    }

    /// <summary>The partition's only person's slot when they hold <paramref name="token"/> (the tables are not built).</summary>
    private PersonSlot? Single(string token) =>
        _slots.Count == 1 && _slots[0].Person.Tokens.BinarySearch(token, StringComparer.Ordinal) >= 0 ? _slots[0] : null;

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
            if (position >= 0 || _slotsOfToken?.ContainsKey(token) == true) throw new ArgumentException($"token {token} is held already", nameof(newTokens));
            tokens = tokens.Insert(~position, token);
            _slotsOfToken?.Add(token, [slot]);
        }

        slot.Person = person with { Records = person.Records.Insert(~at, record), Tokens = tokens };
        _people[IndexOfPerson(person.Id)] = slot.Person;
        _slotOfRecord?.Add(record, slot);
    }

    /// <summary>Adds a person whose records and tokens no other person holds.</summary>
    internal PersonSlot AddPerson(LinkedPerson person)
    {
        var at = IndexOfPerson(person.Id);
        if (at >= 0) throw new ArgumentException($"person {person.Id} is already in the partition", nameof(person));
        _people.Insert(~at, person);
        var slot = new PersonSlot(person);
        _slots.Insert(~at, slot);
        if (_slotOfRecord is null || _slotsOfToken is null)
        {
            if (_slots.Count > 1) BuildTables();
            return slot;
        }

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

    /// <summary>The tables of records and tokens to their people's slots, for a partition of several people.</summary>
    private void BuildTables()
    {
        var records = 0;
        foreach (var slot in _slots) records += slot.Person.Records.Length;
        var slotOfRecord = new Dictionary<RecordKey, PersonSlot>(records);
        var holders = new Dictionary<string, List<PersonSlot>>(StringComparer.Ordinal);
        foreach (var slot in _slots)
        {
            foreach (var record in slot.Person.Records) slotOfRecord.Add(record, slot);
            foreach (var token in slot.Person.Tokens)
            {
                // Slots are in id order, so each token's list comes out sorted by id.
                if (!holders.TryGetValue(token, out var list)) holders[token] = list = [];
                list.Add(slot);
            }
        }

        var slotsOfToken = new Dictionary<string, PersonSlot[]>(holders.Count, StringComparer.Ordinal);
        foreach (var (token, list) in holders) slotsOfToken[token] = [.. list];
        (_slotOfRecord, _slotsOfToken) = (slotOfRecord, slotsOfToken);
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
