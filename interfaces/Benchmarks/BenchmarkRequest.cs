using System.Collections.Immutable;
using Linkage.Cohorts;

namespace Linkage.Benchmarks;

/// <summary>A benchmark-v1 request: an indicator (a cohort-v1 definition with an outcome), its adjustment and its funnel.</summary>
[GenerateSerializer, Immutable, Alias("linkage.BenchmarkRequest")]
public sealed record BenchmarkRequest
{
    /// <summary>The default of <see cref="Adjust"/>.</summary>
    public static readonly ImmutableArray<GroupKey> DefaultAdjust = [GroupKey.Sex, GroupKey.Age10];

    /// <summary>The default of <see cref="Limits"/>.</summary>
    public static readonly ImmutableArray<double> DefaultLimits = [0.95, 0.998];

    /// <summary>Who is counted (entry, period, filters) and the outcome each facility is measured on; no groupBy, no survival.</summary>
    [Id(0)] public required CohortDefinition Indicator { get; init; }

    /// <summary>The strata of indirect standardisation: any of sex, age10, pref, at entry.</summary>
    [Id(1)] public ImmutableArray<GroupKey> Adjust { get; init; } = DefaultAdjust;

    /// <summary>Two-sided coverages of the funnel limits, each strictly between 0 and 1.</summary>
    [Id(2)] public ImmutableArray<double> Limits { get; init; } = DefaultLimits;

    /// <summary>Widen the limits by the additive random-effects variance τ² (Spiegelhalter 2005).</summary>
    [Id(3)] public bool Overdispersion { get; init; }

    /// <summary>Counts from 1 to MinCell - 1 are never published nor derivable; never below the server's floor.</summary>
    [Id(4)] public int MinCell { get; init; } = CohortDefinition.DefaultMinCell;

    public bool Equals(BenchmarkRequest? other) =>
        other is not null && Indicator == other.Indicator && Adjust.SequenceEqual(other.Adjust) && Limits.SequenceEqual(other.Limits)
        && Overdispersion == other.Overdispersion && MinCell == other.MinCell;

    public override int GetHashCode() => HashCode.Combine(Indicator, Adjust.Length, Limits.Length, Overdispersion, MinCell);
}
