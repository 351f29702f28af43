using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>Adds up the tallies of disjoint sets of people (index partitions) into one, in its canonical form.</summary>
public static class CohortTallies
{
    public static CohortTally Add(CohortTally first, CohortTally second) => Sum([first, second]);

    /// <summary>
    /// The tally of all the people counted in <paramref name="tallies"/>, which must not share anyone: counts and
    /// interval counts of equal keys add up. The result is canonical (see <see cref="CohortTally"/>); the sum of one
    /// tally is that tally in canonical form.
    /// </summary>
    public static CohortTally Sum(IEnumerable<CohortTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        long total = 0;
        var groups = new Dictionary<ImmutableArray<string>, long>(GroupKeyOrder.Instance);
        var survival = new Dictionary<ImmutableArray<string>, (List<long> Events, List<long> Censored)>(GroupKeyOrder.Instance);
        foreach (var tally in tallies)
        {
            total += tally.Total;
            foreach (var group in tally.Groups)
            {
                groups[group.Key] = groups.GetValueOrDefault(group.Key) + group.Count;
            }

            foreach (var times in tally.Survival)
            {
                if (!survival.TryGetValue(times.Key, out var sums)) survival[times.Key] = sums = ([], []);
                AddInto(sums.Events, times.Events);
                AddInto(sums.Censored, times.Censored);
            }
        }

        return new CohortTally
        {
            Total = total,
            Groups = [.. groups.Where(g => g.Value != 0).OrderBy(g => g.Key, GroupKeyOrder.Instance).Select(g => new GroupCount { Key = g.Key, Count = g.Value })],
            Survival = [.. survival.Select(s => Trimmed(s.Key, s.Value.Events, s.Value.Censored)).OfType<SurvivalCounts>().OrderBy(s => s.Key, GroupKeyOrder.Instance)],
        };
    }

    private static void AddInto(List<long> sums, ImmutableArray<long> counts)
    {
        for (var k = 0; k < counts.Length; k++)
        {
            if (k == sums.Count) sums.Add(0);
            sums[k] += counts[k];
        }
    }

    /// <summary>The group's counts without trailing empty intervals, both arrays the same length; null when all are empty.</summary>
    private static SurvivalCounts? Trimmed(ImmutableArray<string> key, List<long> events, List<long> censored)
    {
        var length = Math.Max(events.Count, censored.Count);
        while (length > 0 && At(events, length - 1) == 0 && At(censored, length - 1) == 0) length--;
        if (length == 0) return null;
        return new SurvivalCounts
        {
            Key = key,
            Events = [.. Enumerable.Range(0, length).Select(k => At(events, k))],
            Censored = [.. Enumerable.Range(0, length).Select(k => At(censored, k))],
        };
    }

    private static long At(List<long> counts, int k) => k < counts.Count ? counts[k] : 0;
}
