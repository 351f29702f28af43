using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>A published cohort-v1 answer: counts with small cells suppressed, and life tables when asked for.</summary>
[GenerateSerializer, Immutable, Alias("linkage.CohortAnswer")]
public sealed record CohortAnswer
{
    /// <summary>The query saw every record whose ingestion was acknowledged before this moment.</summary>
    [Id(0)] public required DateTimeOffset AsOf { get; init; }

    /// <summary>The small-cell threshold applied: the definition's, never below the server's floor.</summary>
    [Id(1)] public required int MinCell { get; init; }

    /// <summary>People in the cohort; null when below <see cref="MinCell"/> or suppressed as a complement.</summary>
    [Id(2)] public required long? Total { get; init; }

    /// <summary>The definition's <c>groupBy</c>: the names of each group's values, in order.</summary>
    [Id(3)] public required ImmutableArray<GroupKey> GroupBy { get; init; }

    /// <summary>The groups with anyone in them, sorted by key.</summary>
    [Id(4)] public required ImmutableArray<CohortGroup> Groups { get; init; }

    /// <summary>How many of <see cref="Groups"/> have their count suppressed.</summary>
    [Id(5)] public required int Suppressed { get; init; }

    /// <summary>With <c>survival</c>: one table per group of the <c>groupBy</c> keys other than <c>outcome</c>; null when not asked for.</summary>
    [Id(6)] public ImmutableArray<SurvivalTable>? Survival { get; init; }

    /// <summary>The counts carry the deployment's cell-key perturbation (cohort-v1, "Disclosure control").</summary>
    [Id(7)] public bool Perturbed { get; init; }

    /// <summary><see cref="Total"/> is null although it is at least <see cref="MinCell"/> (complementary suppression).</summary>
    [Id(8)] public bool TotalComplementary { get; init; }

    public bool Equals(CohortAnswer? other) =>
        other is not null && AsOf == other.AsOf && MinCell == other.MinCell && Total == other.Total
        && Perturbed == other.Perturbed && TotalComplementary == other.TotalComplementary
        && GroupBy.SequenceEqual(other.GroupBy) && Groups.SequenceEqual(other.Groups) && Suppressed == other.Suppressed
        && Survival.HasValue == other.Survival.HasValue
        && (Survival is not { } survival || survival.SequenceEqual(other.Survival!.Value));

    public override int GetHashCode() => HashCode.Combine(AsOf, MinCell, Total, Groups.Length, Suppressed);
}
