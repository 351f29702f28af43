using System.Collections.Immutable;

namespace Linkage.Safety;

/// <summary>How many people have a date on each day: <see cref="Days"/> (DateOnly.DayNumber, ascending, distinct) and their <see cref="Counts"/>.</summary>
[GenerateSerializer, Immutable, Alias("linkage.DayHistogram")]
public sealed record DayHistogram
{
    public static DayHistogram Empty { get; } = new() { Days = [], Counts = [] };

    [Id(0)] public required ImmutableArray<int> Days { get; init; }

    [Id(1)] public required ImmutableArray<long> Counts { get; init; }

    /// <summary>
    /// When counted for a perturbed answer, the sum of each day's people's cell keys (cohort-v1's cell-key method,
    /// 64-bit fractions of 1 adding up modulo 1); default (none) otherwise.
    /// </summary>
    [Id(2)] public ImmutableArray<ulong> Keys { get; init; }

    /// <summary>The people counted, every day together.</summary>
    public long Total
    {
        get
        {
            long total = 0;
            foreach (var count in Counts) total += count;
            return total;
        }
    }

    public bool Equals(DayHistogram? other) =>
        other is not null && Days.SequenceEqual(other.Days) && Counts.SequenceEqual(other.Counts)
        && Keys.IsDefaultOrEmpty == other.Keys.IsDefaultOrEmpty && (Keys.IsDefaultOrEmpty || Keys.SequenceEqual(other.Keys));

    public override int GetHashCode() => HashCode.Combine(Days.Length, Total);
}
