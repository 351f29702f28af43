namespace Linkage.Safety;

/// <summary>
/// One marker's side of a sequence symmetry analysis over some people (safety-v1): the people with an incident
/// marker, their first days, and how their sequences with the index fall. Counts add up over disjoint people.
/// </summary>
[GenerateSerializer, Immutable, Alias("linkage.SsaMarkerCounts")]
public sealed record SsaMarkerCounts
{
    /// <summary>The marker's code in a screening; empty for the one marker of a single pair.</summary>
    [Id(0)] public required string Code { get; init; }

    /// <summary>People with an incident index and an incident marker.</summary>
    [Id(1)] public long Both { get; init; }

    /// <summary>Of <see cref="Both"/>, those with <c>|tB - tA| &lt;= window</c> (same-day pairs included).</summary>
    [Id(2)] public long WithinWindow { get; init; }

    /// <summary>Of <see cref="WithinWindow"/>, the same-day pairs.</summary>
    [Id(3)] public long Ties { get; init; }

    /// <summary><c>nAB</c>: index first.</summary>
    [Id(4)] public long IndexFirst { get; init; }

    /// <summary><c>nBA</c>: marker first.</summary>
    [Id(5)] public long MarkerFirst { get; init; }

    /// <summary><c>m_e</c>: the incident marker's first days over every person, whether or not they have the index.</summary>
    [Id(6)] public required DayHistogram MarkerDays { get; init; }

    /// <summary>
    /// A single pair's sequences by <c>tB - tA</c> in days (in <see cref="DayHistogram.Days"/>): those counted in
    /// nAB (positive) and nBA (negative); null in a screening.
    /// </summary>
    [Id(7)] public DayHistogram? Gaps { get; init; }

    // The sums of the cell keys (cohort-v1's cell-key method) of the people each count above counts, when counted
    // for a perturbed answer; 0 otherwise. Like the counts, they add up over disjoint people (modulo 2^64).

    /// <summary>The cell keys of the people with an incident marker (<see cref="MarkerDays"/>).</summary>
    [Id(8)] public ulong MarkerKey { get; init; }

    [Id(9)] public ulong BothKey { get; init; }

    [Id(10)] public ulong WithinWindowKey { get; init; }

    [Id(11)] public ulong TiesKey { get; init; }

    [Id(12)] public ulong IndexFirstKey { get; init; }

    [Id(13)] public ulong MarkerFirstKey { get; init; }
}
