using Linkage.Cohorts;

namespace Linkage.Benchmarks;

/// <summary>Asks each index partition for a benchmark's counts: its indicator's people per entry facility, stratum and outcome.</summary>
[GenerateSerializer, Immutable, Alias("linkage.BenchmarkQuery")]
public sealed record BenchmarkQuery : IndexQuery
{
    [Id(0)] public required BenchmarkRequest Request { get; init; }
}
