using Linkage.Cohorts;

namespace Linkage.Safety;

/// <summary>
/// Counts a sequence symmetry analysis person by person (safety-v1): the caller finds each person's observation
/// start and first dates, this applies the run-in, the period and the window. Not thread-safe; one per partition slice.
/// </summary>
/// <param name="gaps">Also count the sequences by days from index to marker (a single pair's histogram).</param>
/// <param name="keyed">
/// Also sum the people's cell keys beside every count (cohort-v1's cell-key method, for a perturbed answer): keys are
/// 64-bit fractions of 1, so the sums are unchecked additions and add up over partitions like the counts.
/// </param>
public sealed class SsaTally(int window, int runIn, DatePeriod? period, bool gaps = false, bool keyed = false)
{
    private readonly Dictionary<int, long> _indexDays = [];
    private readonly Dictionary<string, MarkerTally> _markers = new(StringComparer.Ordinal);
    private long _people;
    private ulong _peopleKey;
    private ulong _indexKey;

    public int Window => window;

    /// <summary>Counts one person in the population (with their cell key when keyed).</summary>
    public void AddPerson(ulong key = 0)
    {
        _people++;
        _peopleKey = unchecked(_peopleKey + key);
    }

    /// <summary>
    /// <paramref name="first"/> when it is incident for a person whose observation starts on <paramref name="start"/>
    /// (at least runIn days later, inside the period); null when the person is to be treated as not having it.
    /// </summary>
    public int? Incident(int start, int first) => FirstDates.Incident(start, first, runIn, period);

    /// <summary>Counts a person's incident index first date.</summary>
    public void AddIndex(int firstIndex, ulong key = 0)
    {
        Increment(_indexDays, firstIndex);
        _indexKey = unchecked(_indexKey + key);
    }

    /// <summary>Counts a person's incident first date of marker <paramref name="code"/>, with their incident index first date if any.</summary>
    public void AddMarker(string code, int firstMarker, int? firstIndex, ulong key = 0)
    {
        if (!_markers.TryGetValue(code, out var marker)) _markers[code] = marker = new MarkerTally();
        Increment(marker.Days, firstMarker);
        marker.Keys.Marker = unchecked(marker.Keys.Marker + key);
        if (firstIndex is not { } index) return;
        marker.Both++;
        marker.Keys.Both = unchecked(marker.Keys.Both + key);
        var gap = (long)firstMarker - index;
        if (Math.Abs(gap) > window) return;
        marker.WithinWindow++;
        marker.Keys.WithinWindow = unchecked(marker.Keys.WithinWindow + key);
        if (gap == 0)
        {
            marker.Ties++;
            marker.Keys.Ties = unchecked(marker.Keys.Ties + key);
        }
        else if (gap > 0)
        {
            marker.IndexFirst++;
            marker.Keys.IndexFirst = unchecked(marker.Keys.IndexFirst + key);
        }
        else
        {
            marker.MarkerFirst++;
            marker.Keys.MarkerFirst = unchecked(marker.Keys.MarkerFirst + key);
        }

        if (gaps && gap != 0)
        {
            Increment(marker.Gaps, (int)gap);
            if (keyed) marker.GapKeys[(int)gap] = unchecked(marker.GapKeys.GetValueOrDefault((int)gap) + key);
        }
    }

    /// <summary>What was counted.</summary>
    public SsaCounts ToCounts() => new()
    {
        People = _people,
        PeopleKey = _peopleKey,
        IndexKey = _indexKey,
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
            Gaps = gaps ? HistogramOf(m.Value.Gaps, keyed ? m.Value.GapKeys : null) : null,
            MarkerKey = m.Value.Keys.Marker,
            BothKey = m.Value.Keys.Both,
            WithinWindowKey = m.Value.Keys.WithinWindow,
            TiesKey = m.Value.Keys.Ties,
            IndexFirstKey = m.Value.Keys.IndexFirst,
            MarkerFirstKey = m.Value.Keys.MarkerFirst,
        })],
    };

    private static void Increment(Dictionary<int, long> days, int day) =>
        days[day] = days.TryGetValue(day, out var count) ? count + 1 : 1;

    /// <param name="keys">Each day's key sum, for a keyed histogram; null for none.</param>
    internal static DayHistogram HistogramOf(IReadOnlyDictionary<int, long> days, IReadOnlyDictionary<int, ulong>? keys = null)
    {
        var sorted = days.Where(d => d.Value != 0).OrderBy(d => d.Key).ToArray();
        return new DayHistogram
        {
            Days = [.. sorted.Select(d => d.Key)],
            Counts = [.. sorted.Select(d => d.Value)],
            Keys = keys is null ? default : [.. sorted.Select(d => keys.GetValueOrDefault(d.Key))],
        };
    }

    private sealed class MarkerTally
    {
        public Dictionary<int, long> Days { get; } = [];

        public Dictionary<int, long> Gaps { get; } = [];

        public Dictionary<int, ulong> GapKeys { get; } = [];

        public MarkerKeys Keys { get; } = new();

        public long Both { get; set; }

        public long WithinWindow { get; set; }

        public long Ties { get; set; }

        public long IndexFirst { get; set; }

        public long MarkerFirst { get; set; }
    }

    /// <summary>The key sums beside a marker's counts; unsigned additions wrap, which is the "modulo 1" of the cell keys.</summary>
    private sealed class MarkerKeys
    {
        public ulong Marker { get; set; }

        public ulong Both { get; set; }

        public ulong WithinWindow { get; set; }

        public ulong Ties { get; set; }

        public ulong IndexFirst { get; set; }

        public ulong MarkerFirst { get; set; }
    }
}
