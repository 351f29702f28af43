namespace Linkage.Safety;

/// <summary>
/// A single pair's sequences grouped by days from index to marker into bins of equal width on each side of the index
/// day (same-day pairs are not sequences): at most <see cref="PerSide"/> bins a side, so that the disclosure check of
/// each bin stays small whatever the window.
/// </summary>
public static class SequenceBins
{
    /// <summary>The most bins on each side of the index day.</summary>
    public const int PerSide = 30;

    /// <summary>Days per bin for <paramref name="window"/>: the window split into at most <see cref="PerSide"/> bins.</summary>
    public static int Width(int window) => Math.Max(1, (window + PerSide - 1) / PerSide);

    /// <summary>
    /// Every bin from <c>-window</c> to <c>window</c> (empty ones included), ascending, with its exact count: after the
    /// index 1..w, w+1..2w, ... up to the window, and before it their mirror images.
    /// </summary>
    public static IReadOnlyList<SequenceBin> Of(DayHistogram gaps, int window)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        return [.. Ranges(window).Select(b => new SequenceBin(b.From, b.To, Sum(gaps, b.From, b.To)))];
    }

    /// <summary>
    /// The cell key of each bin of <see cref="Of"/>, in the same order: the sum of its days' key sums (cohort-v1's
    /// cell-key method); all 0 when <paramref name="gaps"/> was not counted with keys.
    /// </summary>
    public static IReadOnlyList<ulong> KeysOf(DayHistogram gaps, int window)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        return [.. Ranges(window).Select(b => KeySum(gaps, b.From, b.To))];
    }

    /// <summary>Every bin's days, ascending: before the index the mirror images of those after it.</summary>
    private static List<(int From, int To)> Ranges(int window)
    {
        var width = Width(window);
        var after = new List<(int From, int To)>();
        for (var from = 1; from <= window; from += width) after.Add((from, Math.Min(window, from + width - 1)));
        return [.. Enumerable.Reverse(after).Select(b => (-b.To, -b.From)), .. after];
    }

    private static long Sum(DayHistogram gaps, int from, int to)
    {
        long sum = 0;
        for (var i = 0; i < gaps.Days.Length; i++)
        {
            if (gaps.Days[i] >= from && gaps.Days[i] <= to) sum += gaps.Counts[i];
        }

        return sum;
    }

    private static ulong KeySum(DayHistogram gaps, int from, int to)
    {
        ulong sum = 0;
        if (gaps.Keys.IsDefault) return sum;
        for (var i = 0; i < gaps.Days.Length; i++)
        {
            if (gaps.Days[i] >= from && gaps.Days[i] <= to) sum = unchecked(sum + gaps.Keys[i]);
        }

        return sum;
    }
}
