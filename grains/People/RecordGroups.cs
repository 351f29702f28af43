using System.Collections.Immutable;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.People;

/// <summary>Splits a batch into groups of record versions connected by shared routing keys.</summary>
public static class RecordGroups
{
    /// <summary>Routing keys of one event at most: mid, id1, id2 and its own.</summary>
    private const int MaxKeys = 4;

    public static IReadOnlyList<RecordGroup> Of(IReadOnlyList<FeedEvent> events)
    {
        var count = events.Count;
        var parent = new int[count];
        var hashes = new ulong[count * MaxKeys];
        var keyCount = new byte[count];
        var firstWithKey = new Dictionary<ulong, int>(count * 3);
        for (var i = 0; i < count; i++)
        {
            parent[i] = i;
            var e = events[i];
            var n = 0;
            // Subject.Tokens() without its enumerator (twice per event of every batch, about 1% of what an ingest
            // allocated): the span lives on the stack; null where the subject has no such token.
            foreach (var token in (ReadOnlySpan<string?>)[e.Subject.Mid, e.Subject.Id1, e.Subject.Id2])
            {
                if (token is not null) hashes[i * MaxKeys + n++] = RoutingKey.HashOfToken(token);
            }

            hashes[i * MaxKeys + n++] = RoutingKey.HashOfRecord(e.Key);
            keyCount[i] = (byte)n;
            for (var k = 0; k < n; k++)
            {
                var key = hashes[i * MaxKeys + k];
                if (firstWithKey.TryGetValue(key, out var j)) Union(parent, i, j);
                else firstWithKey[key] = i;
            }
        }

        // Members of each group in batch order: a group's number is that of its first event's root.
        var groupOfRoot = new Dictionary<int, int>(count);
        var groupOf = new int[count];
        for (var i = 0; i < count; i++)
        {
            var root = Find(parent, i);
            if (!groupOfRoot.TryGetValue(root, out var g)) groupOfRoot[root] = g = groupOfRoot.Count;
            groupOf[i] = g;
        }

        var members = new List<int>[groupOfRoot.Count];
        for (var i = 0; i < count; i++) (members[groupOf[i]] ??= []).Add(i);

        var groups = new RecordGroup[members.Length];
        var keys = new HashSet<ulong>();
        for (var g = 0; g < members.Length; g++)
        {
            string? smallestToken = null;
            keys.Clear();
            var groupEvents = new FeedEvent[members[g].Count];
            for (var m = 0; m < groupEvents.Length; m++)
            {
                var i = members[g][m];
                groupEvents[m] = events[i];
                for (var k = 0; k < keyCount[i]; k++) keys.Add(hashes[i * MaxKeys + k]);
                var subject = events[i].Subject;
                foreach (var token in (ReadOnlySpan<string?>)[subject.Mid, subject.Id1, subject.Id2])
                {
                    if (token is not null && (smallestToken is null || string.CompareOrdinal(token, smallestToken) < 0)) smallestToken = token;
                }
            }

            groups[g] = new RecordGroup(
                System.Runtime.InteropServices.ImmutableCollectionsMarshal.AsImmutableArray(groupEvents),
                [.. keys],
                ComponentId.For(RoutingKey.ForToken(smallestToken!)));
        }

        return groups;
    }

    private static int Find(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }

    private static void Union(int[] parent, int a, int b)
    {
        var ra = Find(parent, a);
        var rb = Find(parent, b);
        if (ra != rb) parent[Math.Max(ra, rb)] = Math.Min(ra, rb);
    }
}
