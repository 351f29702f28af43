using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;

namespace Linkage.Safety;

/// <summary>safety-v1's "First dates": observation start, first matching dates, and when a first date is incident.</summary>
public static class FirstDates
{
    private static readonly CohortCriterion[] AnyEvent = [.. Enum.GetValues<EventKind>().Select(k => new CohortCriterion { Kind = k })];

    /// <summary>
    /// <paramref name="first"/> when it is incident for a person observed from <paramref name="start"/>: at least
    /// <paramref name="runIn"/> days later and inside <paramref name="period"/> when one is given; null otherwise (the
    /// person is treated as not having it).
    /// </summary>
    public static int? Incident(int start, int first, int runIn, DatePeriod? period) =>
        first - start >= runIn && (period is null || period.Contains(DateOnly.FromDayNumber(first))) ? first : null;

    /// <summary>Each slot's observation start: the earliest day of any of its current records (<see cref="EarliestDays.None"/> for none).</summary>
    public static int[] ObservationStarts(IndexSlice slice)
    {
        var start = EarliestDays.NewDays(slice.Slots);
        var touched = new List<int>();
        foreach (var any in AnyEvent)
        {
            var visitor = new EarliestDays(start, touched);
            slice.ForEachMatch(any, ref visitor);
        }

        return start;
    }

    /// <summary>
    /// Each slot's incident first date of <paramref name="criterion"/> (<see cref="EarliestDays.None"/> when none);
    /// <paramref name="found"/> gets the slots that have one.
    /// </summary>
    public static int[] Incident(IndexSlice slice, CohortCriterion criterion, int[] starts, int runIn, DatePeriod? period, List<int> found)
    {
        var days = EarliestDays.NewDays(slice.Slots);
        var touched = new List<int>();
        var visitor = new EarliestDays(days, touched);
        slice.ForEachMatch(criterion, ref visitor);
        found.Clear();
        foreach (var slot in touched)
        {
            if (Incident(starts[slot], days[slot], runIn, period) is not null) found.Add(slot);
            else days[slot] = EarliestDays.None;
        }

        return days;
    }
}
