using System.Collections.Immutable;
using Linkage.Cohorts;
using Linkage.Cohorts.Index;
using Linkage.Feeds;

namespace Linkage.Surveillance;

/// <summary>
/// An indicator over one index partition: each live person's matching events (any of the criteria, through the one
/// matcher), their episodes, and the episodes counted by (starting event's prefecture, day); with the latest record
/// day of the partition's people, where the series ends.
/// </summary>
public sealed class IndicatorEvaluator : IndexQueryEvaluator<IndicatorQuery, IndicatorPartial>
{
    public override IndicatorPartial Evaluate(IndicatorQuery query, IReadOnlyList<IndexSlice> slices)
    {
        var cells = new Dictionary<(int Pref, int Day), int>();
        int? latest = null;
        var matches = new List<Match>();
        foreach (var slice in slices)
        {
            for (var slot = 0; slot < slice.Slots; slot++)
            {
                if (slice.IsLive(slot) && (latest is null || slice.LastDayOf(slot) > latest)) latest = slice.LastDayOf(slot);
            }

            matches.Clear();
            foreach (var criterion in query.Definition.AnyOf)
            {
                var collector = new MatchCollector(slice, criterion.Kind, matches);
                slice.ForEachMatch(criterion, ref collector);
            }

            matches.Sort();
            for (var start = 0; start < matches.Count;)
            {
                var end = start;
                while (end < matches.Count && matches[end].Slot == matches[start].Slot) end++;
                var person = matches.GetRange(start, end - start).Select(m => (m.Day, m.Pref));
                foreach (var (day, pref) in Episodes.Starts(person, query.Definition.EpisodeDays))
                {
                    cells[(pref, day)] = cells.GetValueOrDefault((pref, day)) + 1;
                }

                start = end;
            }
        }

        return new IndicatorPartial([.. cells.Select(c => new EpisodeCell(c.Key.Pref, c.Key.Day, c.Value))], latest);
    }

    /// <summary>A matching event: its person, day, and its place in the day's order (kind, then row).</summary>
    private readonly record struct Match(int Slot, int Day, EventKind Kind, int Row, int Pref) : IComparable<Match>
    {
        public int CompareTo(Match other)
        {
            var c = Slot.CompareTo(other.Slot);
            if (c == 0) c = Day.CompareTo(other.Day);
            if (c == 0) c = Kind.CompareTo(other.Kind);
            return c != 0 ? c : Row.CompareTo(other.Row);
        }
    }

    private struct MatchCollector(IndexSlice slice, EventKind kind, List<Match> matches) : IEventVisitor
    {
        public readonly void Visit(int slot, int day, int row) => matches.Add(new Match(slot, day, kind, row, slice.EventPrefOf(kind, row)));
    }
}
