using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>Adds up the tallies of disjoint sets of people (index partitions) into one, in its canonical form.</summary>
public static class CohortTallies
{
    public static CohortTally Add(CohortTally first, CohortTally second) => Sum([first, second]);

    /// <summary>
    /// The tally of all the people counted in <paramref name="tallies"/>, which must not share anyone: counts,
    /// interval counts and perturbation key sums of equal keys add up (key sums modulo 2^64). The result is canonical
    /// (see <see cref="CohortTally"/>); the sum of one tally is that tally in canonical form.
    /// </summary>
    public static CohortTally Sum(IEnumerable<CohortTally> tallies)
    {
        ArgumentNullException.ThrowIfNull(tallies);
        long total = 0;
        var groups = new Dictionary<ImmutableArray<string>, (long Count, ulong Keys)>(GroupKeyOrder.Instance);
        var survival = new Dictionary<ImmutableArray<string>, Times>(GroupKeyOrder.Instance);
        foreach (var tally in tallies)
        {
            total += tally.Total;
            foreach (var group in tally.Groups)
            {
                var sum = groups.GetValueOrDefault(group.Key);
                groups[group.Key] = (sum.Count + group.Count, unchecked(sum.Keys + group.KeySum));
            }

            foreach (var times in tally.Survival)
            {
                if (!survival.TryGetValue(times.Key, out var sums)) survival[times.Key] = sums = new Times();
                AddInto(sums.Events, times.Events);
                AddInto(sums.Censored, times.Censored);
                AddInto(sums.EventKeys, times.EventKeys);
                AddInto(sums.CensoredKeys, times.CensoredKeys);
            }
        }

        return new CohortTally
        {
            Total = total,
            Groups = [.. groups.Where(g => g.Value.Count != 0).OrderBy(g => g.Key, GroupKeyOrder.Instance)
                .Select(g => new GroupCount { Key = g.Key, Count = g.Value.Count, KeySum = g.Value.Keys })],
            Survival = [.. survival.Select(s => Trimmed(s.Key, s.Value)).OfType<SurvivalCounts>().OrderBy(s => s.Key, GroupKeyOrder.Instance)],
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

    private static void AddInto(List<ulong> sums, ImmutableArray<ulong> keys)
    {
        if (keys.IsDefault) return;
        for (var k = 0; k < keys.Length; k++)
        {
            if (k == sums.Count) sums.Add(0);
            sums[k] = unchecked(sums[k] + keys[k]);
        }
    }

    /// <summary>The group's counts without trailing empty intervals, all arrays the same length; null when all are empty.</summary>
    private static SurvivalCounts? Trimmed(ImmutableArray<string> key, Times times)
    {
        var length = Math.Max(times.Events.Count, times.Censored.Count);
        while (length > 0 && At(times.Events, length - 1) == 0 && At(times.Censored, length - 1) == 0) length--;
        if (length == 0) return null;
        var keyed = times.EventKeys.Count > 0 || times.CensoredKeys.Count > 0;
        return new SurvivalCounts
        {
            Key = key,
            Events = [.. Enumerable.Range(0, length).Select(k => At(times.Events, k))],
            Censored = [.. Enumerable.Range(0, length).Select(k => At(times.Censored, k))],
            EventKeys = keyed ? [.. Enumerable.Range(0, length).Select(k => At(times.EventKeys, k))] : [],
            CensoredKeys = keyed ? [.. Enumerable.Range(0, length).Select(k => At(times.CensoredKeys, k))] : [],
        };
    }

    private static T At<T>(List<T> counts, int k) where T : struct => k < counts.Count ? counts[k] : default;

    private sealed class Times
    {
        public List<long> Events { get; } = [];

        public List<long> Censored { get; } = [];

        public List<ulong> EventKeys { get; } = [];

        public List<ulong> CensoredKeys { get; } = [];
    }
}
