using Linkage.Cohorts;
using Linkage.Cohorts.Index;

namespace Linkage.Benchmarks;

/// <summary>An index partition's benchmark counts: the indicator counted over its slices as cohort-v1 counts it, by facility, stratum and outcome.</summary>
public sealed class BenchmarkEvaluator : IndexQueryEvaluator<BenchmarkQuery, BenchmarkPartial>
{
    public override BenchmarkPartial Evaluate(BenchmarkQuery query, IReadOnlyList<IndexSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(slices);
        var plan = CohortPlan.Of(BenchmarkCounts.Counting(query.Request));
        var tally = new TallyAccumulator(plan);
        foreach (var slice in slices) SegmentCount.Into(plan, slice.Segment, slice.DeadSlots, tally);
        return new BenchmarkPartial { Tally = tally.ToTally() };
    }
}
