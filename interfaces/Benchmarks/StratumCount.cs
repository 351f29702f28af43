namespace Linkage.Benchmarks;

/// <summary>
/// The people of an indicator's cohort entered at one facility in one stratum of the adjustment keys, and how many of
/// them had the outcome: the unit that index partitions count and that adds up across them.
/// </summary>
/// <param name="Facility">The entry receipt's 10-digit facility code.</param>
/// <param name="Stratum">The values of the adjustment keys at entry, in <c>adjust</c> order, joined with <c>|</c>.</param>
[GenerateSerializer, Immutable, Alias("linkage.StratumCount")]
public readonly record struct StratumCount(
    [property: Id(0)] string Facility,
    [property: Id(1)] string Stratum,
    [property: Id(2)] long People,
    [property: Id(3)] long Outcomes);
