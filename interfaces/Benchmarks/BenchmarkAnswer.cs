using System.Collections.Immutable;
using Linkage.Cohorts;

namespace Linkage.Benchmarks;

/// <summary>A published benchmark-v1 answer: facilities with their adjusted ratios and funnel limits, small counts suppressed.</summary>
[GenerateSerializer, Immutable, Alias("linkage.BenchmarkAnswer")]
public sealed record BenchmarkAnswer
{
    /// <summary>The query saw every record whose ingestion was acknowledged before this moment.</summary>
    [Id(0)] public required DateTimeOffset AsOf { get; init; }

    [Id(1)] public required int MinCell { get; init; }

    [Id(2)] public required ImmutableArray<GroupKey> Adjust { get; init; }

    /// <summary>People of the cohort whose entry has no facility; null when from 1 to minCell - 1.</summary>
    [Id(3)] public required long? Unattributed { get; init; }

    /// <summary>The random-effects variance added to the limits (0 without overdispersion).</summary>
    [Id(4)] public required double Tau2 { get; init; }

    /// <summary>The facilities with at least minCell people, sorted by <see cref="FacilityBenchmark.Facility"/>.</summary>
    [Id(5)] public required ImmutableArray<FacilityBenchmark> Facilities { get; init; }

    /// <summary>How many facilities have their observed count suppressed, complementary ones included.</summary>
    [Id(6)] public required int Suppressed { get; init; }

    /// <summary>The coverages asked for, in order.</summary>
    [Id(7)] public required ImmutableArray<double> Coverages { get; init; }

    public bool Equals(BenchmarkAnswer? other) =>
        other is not null && AsOf == other.AsOf && MinCell == other.MinCell && Adjust.SequenceEqual(other.Adjust)
        && Unattributed == other.Unattributed && Tau2.Equals(other.Tau2) && Facilities.SequenceEqual(other.Facilities)
        && Suppressed == other.Suppressed && Coverages.SequenceEqual(other.Coverages);

    public override int GetHashCode() => HashCode.Combine(AsOf, MinCell, Unattributed, Facilities.Length, Suppressed);
}
