namespace Linkage.Safety;

/// <summary>Adds up <see cref="SsaCounts"/> of disjoint people (the partitions' partials): associative and commutative.</summary>
/// <remarks>Cell-key sums add up like the counts, modulo 2^64 (unsigned additions wrap).</remarks>
public static class SsaCountsMerge
{
    public static SsaCounts Empty { get; } = new() { IndexDays = DayHistogram.Empty, Markers = [] };

    public static SsaCounts Merge(IEnumerable<SsaCounts> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        long people = 0;
        ulong peopleKey = 0, indexKey = 0;
        var indexDays = new Dictionary<int, long>();
        var markers = new Dictionary<string, MarkerSum>(StringComparer.Ordinal);
        foreach (var part in parts)
        {
            people += part.People;
            peopleKey = unchecked(peopleKey + part.PeopleKey);
            indexKey = unchecked(indexKey + part.IndexKey);
            Add(indexDays, part.IndexDays);
            foreach (var marker in part.Markers)
            {
                if (!markers.TryGetValue(marker.Code, out var sum)) markers[marker.Code] = sum = new MarkerSum();
                sum.Add(marker);
            }
        }

        return new SsaCounts
        {
            People = people,
            PeopleKey = peopleKey,
            IndexKey = indexKey,
            IndexDays = SsaTally.HistogramOf(indexDays),
            Markers = [.. markers.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => m.Value.ToCounts(m.Key))],
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

    /// <summary>One marker's counts and key sums over the parts so far.</summary>
    private sealed class MarkerSum
    {
        private readonly Dictionary<int, long> _days = [];
        private Dictionary<int, long>? _gaps;
        private Dictionary<int, ulong>? _gapKeys;
        private SsaMarkerCounts _sum = new() { Code = "", MarkerDays = DayHistogram.Empty };

        public void Add(SsaMarkerCounts marker)
        {
            SsaCountsMerge.Add(_days, marker.MarkerDays);
            if (marker.Gaps is { } gaps)
            {
                SsaCountsMerge.Add(_gaps ??= [], gaps);
                if (!gaps.Keys.IsDefault)
                {
                    _gapKeys ??= [];
                    for (var i = 0; i < gaps.Days.Length; i++) _gapKeys[gaps.Days[i]] = unchecked(_gapKeys.GetValueOrDefault(gaps.Days[i]) + gaps.Keys[i]);
                }
            }

            _sum = unchecked(_sum with
            {
                Both = _sum.Both + marker.Both,
                WithinWindow = _sum.WithinWindow + marker.WithinWindow,
                Ties = _sum.Ties + marker.Ties,
                IndexFirst = _sum.IndexFirst + marker.IndexFirst,
                MarkerFirst = _sum.MarkerFirst + marker.MarkerFirst,
                MarkerKey = _sum.MarkerKey + marker.MarkerKey,
                BothKey = _sum.BothKey + marker.BothKey,
                WithinWindowKey = _sum.WithinWindowKey + marker.WithinWindowKey,
                TiesKey = _sum.TiesKey + marker.TiesKey,
                IndexFirstKey = _sum.IndexFirstKey + marker.IndexFirstKey,
                MarkerFirstKey = _sum.MarkerFirstKey + marker.MarkerFirstKey,
            });
        }

        public SsaMarkerCounts ToCounts(string code) => _sum with
        {
            Code = code,
            MarkerDays = SsaTally.HistogramOf(_days),
            Gaps = _gaps is { } gaps ? SsaTally.HistogramOf(gaps, _gapKeys) : null,
        };
    }
}
