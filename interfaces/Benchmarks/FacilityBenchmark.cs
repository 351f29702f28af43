using System.Collections.Immutable;

namespace Linkage.Benchmarks;

/// <summary>One facility of a published benchmark-v1 answer (unrounded; the JSON rounds as the contract says).</summary>
[GenerateSerializer, Immutable, Alias("linkage.FacilityBenchmark")]
public sealed record FacilityBenchmark
{
    /// <summary>The facility's pseudonym (researchers) or its 10-digit code (authority).</summary>
    [Id(0)] public required string Facility { get; init; }

    /// <summary>People attributed to it; at least the answer's minCell.</summary>
    [Id(1)] public required long People { get; init; }

    /// <summary>People with the outcome; null when suppressed.</summary>
    [Id(2)] public required long? Observed { get; init; }

    [Id(3)] public required double Expected { get; init; }

    /// <summary>Observed over expected; null when the observed count is suppressed or nothing is expected.</summary>
    [Id(4)] public required double? Smr { get; init; }

    /// <summary>One per coverage asked for, in the request's order.</summary>
    [Id(5)] public required ImmutableArray<FunnelLimit> Limits { get; init; }

    /// <summary>The flag at the widest coverage.</summary>
    [Id(6)] public required FunnelFlag Flag { get; init; }

    /// <summary>The flag at each coverage, in the request's order.</summary>
    [Id(7)] public required ImmutableArray<FunnelFlag> Flags { get; init; }

    /// <summary>The observed count is null although neither it nor people minus it is small (complementary suppression).</summary>
    [Id(8)] public bool Complementary { get; init; }

    public bool Equals(FacilityBenchmark? other) =>
        other is not null && Facility == other.Facility && People == other.People && Observed == other.Observed
        && Expected.Equals(other.Expected) && Nullable.Equals(Smr, other.Smr) && Limits.SequenceEqual(other.Limits)
        && Flag == other.Flag && Flags.SequenceEqual(other.Flags) && Complementary == other.Complementary;

    public override int GetHashCode() => HashCode.Combine(Facility, People, Observed, Expected);
}
