namespace Linkage.Safety;

/// <summary>Adds up <see cref="SsaCounts"/> of disjoint people (the partitions' partials): associative and commutative.</summary>
public static class SsaCountsMerge
{
    public static SsaCounts Empty { get; } = new() { IndexDays = DayHistogram.Empty, Markers = [] };

    public static SsaCounts Merge(IEnumerable<SsaCounts> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        long people = 0;
        var indexDays = new Dictionary<int, long>();
        var markers = new Dictionary<string, (long Both, long Window, long Ties, long Ab, long Ba, Dictionary<int, long> Days, Dictionary<int, long>? Gaps)>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            people += part.People;
            Add(indexDays, part.IndexDays);
            foreach (var marker in part.Markers)
            {
                var sum = markers.TryGetValue(marker.Code, out var found) ? found : (0, 0, 0, 0, 0, new Dictionary<int, long>(), null);
                Add(sum.Days, marker.MarkerDays);
                if (marker.Gaps is { } gaps) Add(sum.Gaps ??= [], gaps);
                markers[marker.Code] = (sum.Both + marker.Both, sum.Window + marker.WithinWindow, sum.Ties + marker.Ties,
                    sum.Ab + marker.IndexFirst, sum.Ba + marker.MarkerFirst, sum.Days, sum.Gaps);
            }
        }

        return new SsaCounts
        {
            People = people,
            IndexDays = SsaTally.HistogramOf(indexDays),
            Markers = [.. markers.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new SsaMarkerCounts
            {
                Code = m.Key,
                Both = m.Value.Both,
                WithinWindow = m.Value.Window,
                Ties = m.Value.Ties,
                IndexFirst = m.Value.Ab,
                MarkerFirst = m.Value.Ba,
                MarkerDays = SsaTally.HistogramOf(m.Value.Days),
                Gaps = m.Value.Gaps is { } gaps ? SsaTally.HistogramOf(gaps) : null,
            })],
        };
    }

    private static void Add(Dictionary<int, long> days, DayHistogram histogram)
    {
        for (var i = 0; i < histogram.Days.Length; i++)
        {
            var day = histogram.Days[i];
            days[day] = days.TryGetValue(day, out var count) ? count + histogram.Counts[i] : histogram.Counts[i];
        }
    }
}
