using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>Finds the merges and splits between two partitions of the same component.</summary>
public static class PeopleChanges
{
    public static IEnumerable<LinkageChange> Between(
        PeoplePartition before, PeoplePartition after, ImmutableArray<RecordKey> cause, DateTimeOffset at)
    {
        // A person after the change whose records came from several people before is a merge.
        foreach (var person in after.People)
        {
            var sources = person.Records.Select(before.PersonOf).OfType<LinkedPerson>().Select(p => p.Id).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            if (sources.Length > 1)
            {
                yield return new LinkageChange { At = at, Kind = LinkageChangeKind.Merge, Before = sources, After = [person.Id], Cause = cause };
            }
        }

        // A person before whose records went to several people after is a split.
        foreach (var person in before.People)
        {
            var targets = person.Records.Select(after.PersonOf).OfType<LinkedPerson>().Select(p => p.Id).Distinct().Order(StringComparer.Ordinal).ToImmutableArray();
            if (targets.Length > 1)
            {
                yield return new LinkageChange { At = at, Kind = LinkageChangeKind.Split, Before = [person.Id], After = targets, Cause = cause };
            }
        }
    }
}
