using System.Collections.Immutable;

namespace Linkage.Safety;

/// <summary>A published safety-v1 sequence symmetry answer: a single pair's ratios, or a screening's rows.</summary>
[GenerateSerializer, Immutable, Alias("linkage.SsaAnswer")]
public sealed record SsaAnswer
{
    /// <summary>The analysis saw every record whose ingestion was acknowledged before this moment.</summary>
    [Id(0)] public required DateTimeOffset AsOf { get; init; }

    /// <summary>The small-cell threshold applied; 1 when the answer is exact (the authority role).</summary>
    [Id(1)] public required int MinCell { get; init; }

    /// <summary>No count was suppressed because none had to be (the authority role reads exact counts).</summary>
    [Id(2)] public bool Exact { get; init; }

    [Id(3)] public required ImmutableArray<AttritionStep> Attrition { get; init; }

    /// <summary>A single pair's numbers; null in a screening.</summary>
    [Id(4)] public SsaRatios? Pair { get; init; }

    /// <summary>A screening's published rows, by <c>asrLow</c> (highest first), then code; null for a single pair.</summary>
    [Id(5)] public ImmutableArray<SsaRow>? Rows { get; init; }

    /// <summary>A screening's rows left out because a count had to be suppressed.</summary>
    [Id(6)] public int SuppressedRows { get; init; }

    /// <summary>A screening's codes screened (the m of the Benjamini–Hochberg adjustment).</summary>
    [Id(7)] public int Screened { get; init; }

    /// <summary>A single pair's sequences by days from index to marker, in bins on both sides; null in a screening.</summary>
    [Id(8)] public ImmutableArray<SequenceBin>? SequenceDays { get; init; }

    /// <summary>
    /// The counts of people are perturbed by cohort-v1's cell-key method (the deployment turned it on; researchers), and
    /// the ratios, interval, p, signal and q are computed from the perturbed counts.
    /// </summary>
    [Id(9)] public bool Perturbed { get; init; }

    public bool Equals(SsaAnswer? other) =>
        other is not null && AsOf == other.AsOf && MinCell == other.MinCell && Exact == other.Exact && Perturbed == other.Perturbed
        && Attrition.SequenceEqual(other.Attrition) && Equals(Pair, other.Pair)
        && Rows.HasValue == other.Rows.HasValue && (Rows is not { } rows || rows.SequenceEqual(other.Rows!.Value))
        && SuppressedRows == other.SuppressedRows && Screened == other.Screened
        && SequenceDays.HasValue == other.SequenceDays.HasValue && (SequenceDays is not { } days || days.SequenceEqual(other.SequenceDays!.Value));

    public override int GetHashCode() => HashCode.Combine(AsOf, MinCell, Attrition.Length, Pair, SuppressedRows, Screened);
}
