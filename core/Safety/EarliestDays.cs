using Linkage.Cohorts.Index;

namespace Linkage.Safety;

/// <summary>
/// Each person's earliest matching day in one slice: a visitor for <see cref="IndexSlice.ForEachMatch"/> that keeps
/// the slots it touched, so that a screening reads and clears only those, code after code.
/// </summary>
internal struct EarliestDays(int[] days, List<int> touched) : IEventVisitor
{
    /// <summary>No match yet.</summary>
    public const int None = int.MaxValue;

    public static int[] NewDays(int slots)
    {
        var days = new int[slots];
        Array.Fill(days, None);
        return days;
    }

    public readonly void Visit(int slot, int day, int row)
    {
        var seen = days[slot];
        if (seen == None) touched.Add(slot);
        if (day < seen) days[slot] = day;
    }
}
