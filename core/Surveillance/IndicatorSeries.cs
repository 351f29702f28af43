using System.Collections.Immutable;

namespace Linkage.Surveillance;

/// <summary>
/// An indicator's daily series as surveillance-v1 defines them, merged from the partitions' partials: every day from
/// the first episode in any prefecture to the latest record day, for each prefecture with an episode and the country,
/// with EARS statistics. Empty when there is no episode.
/// </summary>
public sealed class IndicatorSeries
{
    private readonly Dictionary<int, long[]> _byPref;
    private readonly long[] _all;
    private readonly Dictionary<int, EarsDay[]> _ears = [];
    private EarsDay[]? _allEars;

    private IndicatorSeries(int firstDay, int days, Dictionary<int, long[]> byPref, long[] all) =>
        (FirstDay, Days, _byPref, _all) = (firstDay, days, byPref, all);

    /// <summary>The first day (a DayNumber).</summary>
    public int FirstDay { get; }

    public int Days { get; }

    /// <summary>The prefectures (1..47, 0 unknown) with at least one episode, in order.</summary>
    public IEnumerable<int> Prefectures => _byPref.Keys.Order();

    public static IndicatorSeries Merge(IEnumerable<IndicatorPartial> partials)
    {
        var cells = new Dictionary<(int Pref, int Day), long>();
        int? latest = null;
        foreach (var partial in partials)
        {
            if (partial.LatestDay is { } day && (latest is null || day > latest)) latest = day;
            foreach (var cell in partial.Cells) cells[(cell.Pref, cell.Day)] = cells.GetValueOrDefault((cell.Pref, cell.Day)) + cell.Count;
        }

        if (cells.Count == 0) return new IndicatorSeries(0, 0, [], []);
        var first = cells.Keys.Min(c => c.Day);
        var last = Math.Max(latest ?? first, cells.Keys.Max(c => c.Day));
        var days = last - first + 1;
        var byPref = new Dictionary<int, long[]>();
        var all = new long[days];
        foreach (var ((pref, day), count) in cells)
        {
            if (!byPref.TryGetValue(pref, out var series)) byPref[pref] = series = new long[days];
            series[day - first] += count;
            all[day - first] += count;
        }

        return new IndicatorSeries(first, days, byPref, all);
    }

    /// <summary>The counts of a prefecture (null: the country); zeros for a prefecture without an episode.</summary>
    public IReadOnlyList<long> Counts(int? pref) => pref is null ? _all : _byPref.TryGetValue(pref.Value, out var s) ? s : new long[Days];

    /// <summary>The EARS statistics of a prefecture's series (null: the country).</summary>
    public EarsDay[] Statistics(int? pref)
    {
        if (pref is null) return _allEars ??= Ears.Evaluate(_all);
        if (!_ears.TryGetValue(pref.Value, out var ears)) _ears[pref.Value] = ears = Ears.Evaluate(Counts(pref));
        return ears;
    }

    /// <summary>The count and a detector's statistic on a day of a series named as an alert names it (0 and null outside the series).</summary>
    public (long Count, double? Statistic) At(string pref, DateOnly day, string detector)
    {
        var t = day.DayNumber - FirstDay;
        if (t < 0 || t >= Days) return (0, null);
        int? p = pref == PrefectureNames.All ? null : PrefectureNames.TryParse(pref, out var parsed) ? parsed : -1;
        if (p == -1) return (0, null);
        var ears = Statistics(p)[t];
        return (Counts(p)[t], detector switch { "c1" => ears.C1, "c2" => ears.C2, _ => ears.C3 });
    }

    /// <summary>Every alarm of every series: (prefecture name, day, detector) with the day's count and statistic.</summary>
    public IEnumerable<IndicatorAlarm> Alarms()
    {
        foreach (var pref in Prefectures.Select(p => (int?)p).Prepend(null))
        {
            var counts = Counts(pref);
            var ears = Statistics(pref);
            for (var t = 0; t < Days; t++)
            {
                foreach (var detector in ears[t].Alarms)
                {
                    var statistic = detector switch { "c1" => ears[t].C1, "c2" => ears[t].C2, _ => ears[t].C3 };
                    yield return new IndicatorAlarm(pref is { } p ? PrefectureNames.Of(p) : PrefectureNames.All, DateOnly.FromDayNumber(FirstDay + t), detector, counts[t], statistic!.Value);
                }
            }
        }
    }
}
