namespace Linkage.Surveillance;

/// <summary>
/// surveillance-v1's episodes of one person: over their matching events in order of date, an event starts an episode
/// when no matching event lies in the <c>episodeDays</c> days before it. Events of one day are one start at most (the
/// first of the day, in the index's order: by kind, then as cohort-v1 orders records), since a second on the same day
/// has the first before it.
/// </summary>
public static class Episodes
{
    /// <summary>The starting events of <paramref name="events"/> (day as DayNumber, prefecture), which must be in order.</summary>
    public static IEnumerable<(int Day, int Pref)> Starts(IEnumerable<(int Day, int Pref)> events, int episodeDays)
    {
        int? previous = null;
        foreach (var (day, pref) in events)
        {
            if (previous is null || day - previous.Value > episodeDays) yield return (day, pref);

            previous = day;
        }
    }
}
