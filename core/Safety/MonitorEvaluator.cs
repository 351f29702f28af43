using Linkage.Cohorts.Index;

namespace Linkage.Safety;

/// <summary>
/// Counts a monitor's events over one index partition (safety-v1): per person with an incident exposure, the earliest
/// outcome whose day after the exposure lies in the risk or the control window.
/// </summary>
public sealed class MonitorEvaluator : IndexQueryEvaluator<MonitorQuery, MonitorPartial>
{
    public override MonitorPartial Evaluate(MonitorQuery query, IReadOnlyList<IndexSlice> slices)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(slices);
        var definition = query.Definition;
        var tally = new RiskIntervalTally(definition);
        var exposed = new List<int>();
        foreach (var slice in slices)
        {
            var starts = FirstDates.ObservationStarts(slice);
            var exposure = FirstDates.Incident(slice, definition.Exposure, starts, definition.RunIn, period: null, exposed);
            if (exposed.Count == 0) continue;
            var earliest = EarliestDays.NewDays(slice.Slots);
            var visitor = new EarliestOutcome(exposure, earliest, tally);
            slice.ForEachMatch(definition.Outcome, ref visitor);
            foreach (var slot in exposed)
            {
                if (earliest[slot] != EarliestDays.None) tally.Add(earliest[slot]);
            }
        }

        return new MonitorPartial { N = tally.N, C = tally.C };
    }

    /// <summary>Keeps, per exposed slot, the smallest offset from the exposure of an outcome inside either window.</summary>
    private readonly struct EarliestOutcome(int[] exposure, int[] earliest, RiskIntervalTally tally) : IEventVisitor
    {
        public void Visit(int slot, int day, int row)
        {
            var exposed = exposure[slot];
            if (exposed == EarliestDays.None) return;
            var offset = day - exposed;
            if (tally.Counts(offset) && offset < earliest[slot]) earliest[slot] = offset;
        }
    }
}
