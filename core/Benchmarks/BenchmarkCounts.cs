using System.Collections.Immutable;
using Linkage.Cohorts;

namespace Linkage.Benchmarks;

/// <summary>
/// A benchmark's counts as a cohort-v1 count: the indicator grouped by <c>facility</c>, the adjustment keys and
/// <c>outcome</c>, so a benchmark counts exactly the people the same cohort definition counts, attributed by
/// cohort-v1's <c>facility</c> key.
/// </summary>
public sealed record BenchmarkCounts(ImmutableArray<StratumCount> Strata, long Unattributed, long People)
{
    /// <summary>The cohort definition whose groups are a benchmark's counts.</summary>
    public static CohortDefinition Counting(BenchmarkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Indicator with { GroupBy = [GroupKey.Facility, .. request.Adjust, GroupKey.Outcome], Survival = null };
    }

    /// <summary>The counts in the exact (unsuppressed) tally of <see cref="Counting"/>: people of an unknown facility are unattributed.</summary>
    public static BenchmarkCounts Of(BenchmarkRequest request, CohortTally tally)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(tally);
        var strata = new Dictionary<(string Facility, string Stratum), (long People, long Outcomes)>();
        long unattributed = 0;
        foreach (var group in tally.Groups)
        {
            // Key: facility, the adjustment keys in order, outcome.
            var facility = group.Key[0];
            if (facility == GroupValues.UnknownFacility)
            {
                unattributed += group.Count;
                continue;
            }

            var cell = (facility, string.Join('|', group.Key[1..^1]));
            var counts = strata.GetValueOrDefault(cell);
            var yes = group.Key[^1] == GroupValues.Yes ? group.Count : 0;
            strata[cell] = (counts.People + group.Count, counts.Outcomes + yes);
        }

        return new BenchmarkCounts(
            [.. strata.Select(s => new StratumCount(s.Key.Facility, s.Key.Stratum, s.Value.People, s.Value.Outcomes))],
            unattributed,
            tally.Total);
    }
}
