using System.Diagnostics.CodeAnalysis;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Cohorts;

/// <summary>
/// Each person's <see cref="PersonSummary"/> as a component last built it, with their current records in cohort-v1's
/// order, kept current as versions are linked in place: a person who gains a record is summarised by inserting it, where
/// sorting, looking up and converting their whole history again made every event cost as much as the person's history.
/// </summary>
/// <remarks>
/// It is told only of versions linked in place (<see cref="Linked"/>); whatever else changes which records are current
/// or who is who (a relink, a merge, an opt-out, a change put back) must <see cref="Clear"/> it. As a last guard, a person
/// whose entry does not hold as many records as they have is summarised afresh. Not thread-safe: one grain's.
/// </remarks>
public sealed class PersonSummaryCache
{
    private static readonly Comparer<FeedEvent> Order = Comparer<FeedEvent>.Create(PersonSummaries.CompareRecords);

    private readonly Dictionary<string, Entry> _people = new(StringComparer.Ordinal);

    /// <summary>How many people have a summary kept.</summary>
    public int Count => _people.Count;

    /// <summary>Forgets every person (what is current, or who is who, changed other than in place).</summary>
    public void Clear() => _people.Clear();

    /// <summary>
    /// <paramref name="version"/> became current for <paramref name="person"/> in place of <paramref name="replaced"/>
    /// (null: the record was not current before), the person otherwise as they were.
    /// </summary>
    public void Linked(string person, FeedEvent version, FeedEvent? replaced)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!_people.TryGetValue(person, out var entry)) return;
        if (replaced is not null)
        {
            var at = entry.Records.BinarySearch(replaced, Order);
            if (at < 0 || !ReferenceEquals(entry.Records[at], replaced))
            {
                // Not the version this entry holds: it cannot be trusted any more.
                _people.Remove(person);
                return;
            }

            entry.Records.RemoveAt(at);
            entry.Events.RemoveAt(at);
        }

        var to = entry.Records.BinarySearch(version, Order);
        if (to >= 0)
        {
            _people.Remove(person);
            return;
        }

        entry.Records.Insert(~to, version);
        entry.Events.Insert(~to, PersonSummaries.EventOf(version));
        entry.Summary = null;
    }

    /// <summary>The kept summary of <paramref name="person"/>, when their entry holds as many records as they have.</summary>
    public bool TryGet(LinkedPerson person, [NotNullWhen(true)] out PersonSummary? summary)
    {
        ArgumentNullException.ThrowIfNull(person);
        if (!_people.TryGetValue(person.Id, out var entry) || entry.Records.Count != person.Records.Length)
        {
            summary = null;
            return false;
        }

        summary = entry.Summary ??= Summarise(person.Id, entry);
        return true;
    }

    /// <summary>Keeps <paramref name="summary"/>, built from <paramref name="sorted"/> (the person's current records in cohort-v1's order).</summary>
    public void Keep(PersonSummary summary, ReadOnlySpan<FeedEvent> sorted)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (sorted.Length != summary.Events.Length) throw new ArgumentException("one record per summary event", nameof(sorted));
        var entry = new Entry(new List<FeedEvent>(sorted.Length + 4), new List<SummaryEvent>(sorted.Length + 4)) { Summary = summary };
        entry.Records.AddRange(sorted);
        entry.Events.AddRange(summary.Events);
        _people[summary.Person] = entry;
    }

    private static PersonSummary Summarise(string person, Entry entry) =>
        PersonSummaries.OfOrdered(person, entry.Records[^1], entry.Events.ToArray());

    private sealed record Entry(List<FeedEvent> Records, List<SummaryEvent> Events)
    {
        /// <summary>Null when a record changed since it was built.</summary>
        public PersonSummary? Summary { get; set; }
    }
}
