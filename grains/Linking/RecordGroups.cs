using System.Collections.Immutable;
using Linkage.Feeds;

namespace Linkage.Linking;

/// <summary>Splits a batch into groups of record versions connected by shared routing keys.</summary>
public static class RecordGroups
{
    public static IReadOnlyList<RecordGroup> Of(ImmutableArray<FeedEvent> events)
    {
        var parent = Enumerable.Range(0, events.Length).ToArray();
        var firstWithKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < events.Length; i++)
        {
            foreach (var key in RoutingKeys.Of(events[i]))
            {
                if (firstWithKey.TryGetValue(key, out var j)) Union(parent, i, j);
                else firstWithKey[key] = i;
            }
        }

        return events
            .Select((e, i) => (Event: e, Root: Find(parent, i)))
            .GroupBy(x => x.Root)
            .Select(g =>
            {
                var members = g.Select(x => x.Event).ToImmutableArray();
                var keys = members.SelectMany(RoutingKeys.Of).Distinct(StringComparer.Ordinal).ToImmutableArray();
                return new RecordGroup(members, keys);
            })
            .ToList();
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
