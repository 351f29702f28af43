namespace Linkage.Safety;

/// <summary>
/// safety-v1's null-effect sequence ratio: the sequence ratio expected without any causal link, from the incidence
/// of index and marker over the whole population (Tsiropoulos et al. 2009, the probability that a marker within the
/// window of an index day falls after it).
/// </summary>
public static class NullEffectRatio
{
    /// <summary>The probability p that a marker within the window of an index falls after it; null when no index has a marker within its window.</summary>
    public static double? IndexFirstShare(DayHistogram index, DayHistogram marker, int window)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(marker);
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);

        // Prefix sums of m over its sorted days: the markers on days lo..hi are Below(hi + 1) - Below(lo).
        var days = marker.Days;
        var prefix = new double[days.Length + 1];
        for (var i = 0; i < days.Length; i++) prefix[i + 1] = prefix[i] + marker.Counts[i];
        double Below(long day)
        {
            // The markers on days before `day`.
            int low = 0, high = days.Length;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (days[middle] < day) low = middle + 1;
                else high = middle;
            }

            return prefix[low];
        }

        double after = 0, around = 0;
        for (var i = 0; i < index.Days.Length; i++)
        {
            long d = index.Days[i];
            var count = (double)index.Counts[i];
            var later = Below(d + window + 1) - Below(d + 1);
            var earlier = Below(d) - Below(d - window);
            after += count * later;
            around += count * (later + earlier);
        }

        return around > 0 ? after / around : null;
    }

    /// <summary><c>nsr = p / (1 - p)</c>; null when p is undefined or 1.</summary>
    public static double? Of(DayHistogram index, DayHistogram marker, int window) =>
        IndexFirstShare(index, marker, window) is { } p && p < 1 ? p / (1 - p) : null;
}
