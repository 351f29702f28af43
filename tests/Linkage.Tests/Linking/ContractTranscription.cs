using Linkage.Feeds;

namespace Linkage.Tests.Linking;

/// <summary>
/// The contract's four steps written down as literally as possible (pairwise, quadratic), to check the
/// near-linear implementation against on random record sets.
/// </summary>
internal static class ContractTranscription
{
    public static (HashSet<string> Groups, HashSet<string> AmbiguousId2) Partition(IReadOnlyList<FeedEvent> records)
    {
        var n = records.Count;

        // 1. Strongly linked: share a mid or an id1. Clusters: connected components.
        var cluster = Components(n, (i, j) => Shares(records[i].Subject.Mid, records[j].Subject.Mid)
                                            || Shares(records[i].Subject.Id1, records[j].Subject.Id1));
        var clusters = Enumerable.Range(0, n).GroupBy(i => cluster[i]).Select(g => g.ToList()).ToList();

        // 2. Conflict: different mids, or id1 records in the same calendar month on both sides.
        bool Conflict(List<int> a, List<int> b) =>
            a.Any(i => b.Any(j => records[i].Subject.Mid is { } mi && records[j].Subject.Mid is { } mj && mi != mj))
            || a.Any(i => b.Any(j => records[i].Subject.Id1 is not null && records[j].Subject.Id1 is not null
                                      && records[i].Date.Year == records[j].Date.Year
                                      && records[i].Date.Month == records[j].Date.Month));

        bool Holds(List<int> c, string id2) => c.Any(i => records[i].Subject.Id2 == id2);

        // 3. Ambiguous: two clusters holding it conflict.
        var ambiguous = new HashSet<string>();
        foreach (var id2 in records.Select(r => r.Subject.Id2).OfType<string>().Distinct())
        {
            var holders = clusters.Where(c => Holds(c, id2)).ToList();
            for (var a = 0; a < holders.Count; a++)
            {
                for (var b = a + 1; b < holders.Count; b++)
                {
                    if (Conflict(holders[a], holders[b])) ambiguous.Add(id2);
                }
            }
        }

        // 4. People: clusters joined by the id2 tokens they share that are not ambiguous.
        var person = Components(clusters.Count, (a, b) =>
            clusters[a].Any(i => records[i].Subject.Id2 is { } id2 && !ambiguous.Contains(id2) && Holds(clusters[b], id2)));

        var groups = Enumerable.Range(0, clusters.Count)
            .GroupBy(c => person[c])
            .Select(g => TestRecords.Group([.. g.SelectMany(c => clusters[c]).Select(i => records[i].RecordId)]))
            .ToHashSet();
        return (groups, ambiguous);
    }

    private static bool Shares(string? a, string? b) => a is not null && a == b;

    /// <summary>Connected components by relabelling until nothing changes.</summary>
    private static int[] Components(int n, Func<int, int, bool> linked)
    {
        var label = Enumerable.Range(0, n).ToArray();
        bool changed;
        do
        {
            changed = false;
            for (var i = 0; i < n; i++)
            {
                for (var j = 0; j < n; j++)
                {
                    if (label[j] < label[i] && linked(i, j))
                    {
                        label[i] = label[j];
                        changed = true;
                    }
                }
            }
        }
        while (changed);

        return label;
    }
}
