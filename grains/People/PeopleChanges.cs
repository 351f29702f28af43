using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.People;

/// <summary>Finds the merges and splits between two partitions of the same component.</summary>
public static class PeopleChanges
{
    public static IEnumerable<LinkageChange> Between(
        PeoplePartition before, PeoplePartition after, ImmutableArray<RecordKey> cause, DateTimeOffset at)
    {
        List<LinkageChange>? changes = null;

        // A person after the change whose records came from several people before is a merge.
        foreach (var person in after.People)
        {
            if (Spread(person, before) is { } sources)
            {
                (changes ??= []).Add(new LinkageChange { At = at, Kind = LinkageChangeKind.Merge, Before = sources, After = [person.Id], Cause = cause });
            }
        }

        // A person before whose records went to several people after is a split.
        foreach (var person in before.People)
        {
            if (Spread(person, after) is { } targets)
            {
                (changes ??= []).Add(new LinkageChange { At = at, Kind = LinkageChangeKind.Split, Before = [person.Id], After = targets, Cause = cause });
            }
        }

        return changes ?? [];
    }

    /// <summary>The ids (sorted) of the people in <paramref name="other"/> holding the person's records, when there are several; null otherwise.</summary>
    private static ImmutableArray<string>? Spread(LinkedPerson person, PeoplePartition other)
    {
        // Most changes add records to one person: find a second holder before collecting anything.
        LinkedPerson? first = null;
        var several = false;
        foreach (var record in person.Records)
        {
            if (other.PersonOf(record) is not { } holder) continue;
            if (first is null) first = holder;
            else if (!ReferenceEquals(holder, first)) several = true;
            if (several) break;
        }

        if (!several) return null;
        return [.. person.Records.Select(other.PersonOf).OfType<LinkedPerson>().Select(p => p.Id).Distinct().Order(StringComparer.Ordinal)];
    }
}
