using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>Splits a batch into groups of record versions connected by shared routing keys.</summary>
public static class RecordGroups
{
    public static IReadOnlyList<RecordGroup> Of(IReadOnlyList<FeedEvent> events)
    {
        var parent = new int[events.Count];
        var keysOfEvent = new ulong[events.Count][];
        var firstWithKey = new Dictionary<ulong, int>(events.Count * 3);
        for (var i = 0; i < events.Count; i++)
        {
            parent[i] = i;
            var keys = keysOfEvent[i] = [.. RoutingKey.Of(events[i]).Select(k => k.Hash)];
            foreach (var key in keys)
            {
                if (firstWithKey.TryGetValue(key, out var j)) Union(parent, i, j);
                else firstWithKey[key] = i;
            }
        }

        var members = new Dictionary<int, List<int>>();
        for (var i = 0; i < events.Count; i++)
        {
            var root = Find(parent, i);
            if (!members.TryGetValue(root, out var list)) members[root] = list = [];
            list.Add(i);
        }

        var groups = new List<RecordGroup>(members.Count);
        foreach (var list in members.Values)
        {
            string? smallestToken = null;
            var keys = new HashSet<ulong>();
            foreach (var i in list)
            {
                keys.UnionWith(keysOfEvent[i]);
                foreach (var token in events[i].Subject.Tokens())
                {
                    if (smallestToken is null || string.CompareOrdinal(token, smallestToken) < 0) smallestToken = token;
                }
            }

            groups.Add(new RecordGroup(
                [.. list.Select(i => events[i])],
                [.. keys],
                ComponentId.For(RoutingKey.ForToken(smallestToken!))));
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
