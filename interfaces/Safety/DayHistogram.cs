using System.Collections.Immutable;

namespace Linkage.Safety;

/// <summary>How many people have a date on each day: <see cref="Days"/> (DateOnly.DayNumber, ascending, distinct) and their <see cref="Counts"/>.</summary>
[GenerateSerializer, Immutable, Alias("linkage.DayHistogram")]
public sealed record DayHistogram
{
    public static DayHistogram Empty { get; } = new() { Days = [], Counts = [] };

    [Id(0)] public required ImmutableArray<int> Days { get; init; }

    [Id(1)] public required ImmutableArray<long> Counts { get; init; }

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
        other is not null && Days.SequenceEqual(other.Days) && Counts.SequenceEqual(other.Counts);

    public override int GetHashCode() => HashCode.Combine(Days.Length, Total);
}
