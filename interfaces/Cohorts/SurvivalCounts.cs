using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>
/// The survival times of one group, by interval: <see cref="Events"/>[k] people had the outcome and
/// <see cref="Censored"/>[k] were censored at a time in interval k (k·step to (k+1)·step - 1 days after entry).
/// </summary>
/// <remarks>
/// People at risk in interval k are those whose time falls in interval k or later: a suffix sum. Both arrays have
/// the same length.
/// </remarks>
[GenerateSerializer, Immutable, Alias("linkage.SurvivalCounts")]
public sealed record SurvivalCounts
{
    /// <summary>The group's values in <c>groupBy</c> order, <c>outcome</c> left out.</summary>
    [Id(0)] public required ImmutableArray<string> Key { get; init; }

    [Id(1)] public required ImmutableArray<long> Events { get; init; }

    [Id(2)] public required ImmutableArray<long> Censored { get; init; }

    /// <summary>
    /// When the query is perturbed: per interval, the sum of the perturbation keys of the people counted in
    /// <see cref="Events"/> (modulo 2^64); empty otherwise.
    /// </summary>
    [Id(3)] public ImmutableArray<ulong> EventKeys { get; init; } = [];

    /// <summary>Likewise for <see cref="Censored"/>.</summary>
    [Id(4)] public ImmutableArray<ulong> CensoredKeys { get; init; } = [];

    public bool Equals(SurvivalCounts? other) =>
        other is not null && Key.SequenceEqual(other.Key) && Events.SequenceEqual(other.Events) && Censored.SequenceEqual(other.Censored)
        && EventKeys.SequenceEqual(other.EventKeys) && CensoredKeys.SequenceEqual(other.CensoredKeys);

    public override int GetHashCode() => HashCode.Combine(Key.Length, Events.Length);
}
