using Linkage.Cohorts;

namespace Linkage.Benchmarks;

/// <summary>
/// One partition's counts for a benchmark: the exact tally of its indicator grouped by facility, the adjustment keys
/// and outcome. Tallies add up across partitions (<c>CohortTallies.Sum</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.BenchmarkPartial")]
public sealed record BenchmarkPartial : IndexPartial
{
    [Id(0)] public required CohortTally Tally { get; init; }
}
