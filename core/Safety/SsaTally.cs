using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>
/// Counts a sequence symmetry analysis person by person (safety-v1): the caller finds each person's observation
/// start and first dates, this applies the run-in, the period and the window. Not thread-safe; one per partition slice.
/// </summary>
/// <param name="gaps">Also count the sequences by days from index to marker (a single pair's histogram).</param>
public sealed class SsaTally(int window, int runIn, DatePeriod? period, bool gaps = false)
{
    private readonly Dictionary<int, long> _indexDays = [];
    private readonly Dictionary<string, MarkerTally> _markers = new(StringComparer.Ordinal);
    private long _people;

    public int Window => window;

    /// <summary>Counts one person in the population.</summary>
    public void AddPerson() => _people++;

    /// <summary>
    /// <paramref name="first"/> when it is incident for a person whose observation starts on <paramref name="start"/>
    /// (at least runIn days later, inside the period); null when the person is to be treated as not having it.
    /// </summary>
    public int? Incident(int start, int first) => FirstDates.Incident(start, first, runIn, period);

    /// <summary>Counts a person's incident index first date.</summary>
    public void AddIndex(int firstIndex) => Increment(_indexDays, firstIndex);

    /// <summary>Counts a person's incident first date of marker <paramref name="code"/>, with their incident index first date if any.</summary>
    public void AddMarker(string code, int firstMarker, int? firstIndex)
    {
        if (!_markers.TryGetValue(code, out var marker)) _markers[code] = marker = new MarkerTally();
        Increment(marker.Days, firstMarker);
        if (firstIndex is not { } index) return;
        marker.Both++;
        var gap = (long)firstMarker - index;
        if (Math.Abs(gap) > window) return;
        marker.WithinWindow++;
        if (gap == 0) marker.Ties++;
        else if (gap > 0) marker.IndexFirst++;
        else marker.MarkerFirst++;
        if (gaps && gap != 0) Increment(marker.Gaps, (int)gap);
    }

    /// <summary>What was counted.</summary>
    public SsaCounts ToCounts() => new()
    {
        People = _people,
        IndexDays = HistogramOf(_indexDays),
        Markers = [.. _markers.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => new SsaMarkerCounts
        {
            Code = m.Key,
            Both = m.Value.Both,
            WithinWindow = m.Value.WithinWindow,
            Ties = m.Value.Ties,
            IndexFirst = m.Value.IndexFirst,
            MarkerFirst = m.Value.MarkerFirst,
            MarkerDays = HistogramOf(m.Value.Days),
            Gaps = gaps ? HistogramOf(m.Value.Gaps) : null,
        })],
    };

    private static void Increment(Dictionary<int, long> days, int day) =>
        days[day] = days.TryGetValue(day, out var count) ? count + 1 : 1;

    internal static DayHistogram HistogramOf(IReadOnlyDictionary<int, long> days)
    {
        var sorted = days.Where(d => d.Value != 0).OrderBy(d => d.Key).ToArray();
        return new DayHistogram { Days = [.. sorted.Select(d => d.Key)], Counts = [.. sorted.Select(d => d.Value)] };
    }

    private sealed class MarkerTally
    {
        public Dictionary<int, long> Days { get; } = [];

        public Dictionary<int, long> Gaps { get; } = [];

        public long Both { get; set; }

        public long WithinWindow { get; set; }

        public long Ties { get; set; }

        public long IndexFirst { get; set; }

        public long MarkerFirst { get; set; }
    }
}
