using System.Buffers;
using System.Collections.Immutable;

namespace Linkage.Cohorts.Index;

/// <summary>
/// Counts a cohort over one segment: the entry date of every person from the entry criterion's rows, the person
/// filters on the dense columns, then each require, exclude and outcome criterion's rows against the survivors.
/// The cost is the rows of the codes the criteria name, plus a pass over the slots; no person's events are walked.
/// </summary>
internal static class SegmentCount
{
    private const int NoEntry = int.MaxValue;

    /// <param name="deadSlots">The slots that updates have replaced, or null when there are none.</param>
    public static void Into(CohortPlan plan, IndexSegment segment, ulong[]? deadSlots, TallyAccumulator tally)
    {
        var people = segment.People;
        if (people == 0) return;
        var pool = ArrayPool<int>.Shared;
        var entry = pool.Rent(people);
        var mark = pool.Rent(people);
        var cohort = pool.Rent(people);
        int[]? first = null;
        try
        {
            Array.Fill(entry, NoEntry, 0, people);
            var entries = new EntryVisitor(entry, plan.PeriodFrom, plan.PeriodTo);
            segment.ForEachMatch(plan.Definition.Entry, ref entries);

            // mark[slot] == stamp: the slot is still in the cohort; a criterion's hit moves it to stamp + 1.
            Array.Clear(mark, 0, people);
            var stamp = 1;
            var members = 0;
            for (var slot = 0; slot < people; slot++)
            {
                if (entry[slot] == NoEntry || (deadSlots is not null && Bits.Has(deadSlots, slot))) continue;
                if (plan.Sex >= 0 && segment.Sexes[slot] != plan.Sex) continue;

                // Bit 0 (no prefecture) is never in the mask: no pref fails a pref filter.
                if (!plan.AnyPref && (plan.PrefMask & (1UL << segment.Prefs[slot])) == 0) continue;
                if (plan.Definition.Age is not null && !plan.Admits(CohortAge.AtEntry(segment.BirthMonths[slot], DateOnly.FromDayNumber(entry[slot])))) continue;
                cohort[members++] = slot;
                mark[slot] = stamp;
            }

            // Each require keeps the members it hit, each exclude the members it did not.
            foreach (var (windows, keepHits) in (ReadOnlySpan<(ImmutableArray<CohortPlan.Window>, bool)>)[(plan.Require, true), (plan.Exclude, false)])
            {
                foreach (var window in windows)
                {
                    if (members == 0) break;
                    var hits = new WindowVisitor(entry, mark, stamp, window.From, window.To);
                    segment.ForEachMatch(window.Criterion, ref hits);
                    members = Keep(cohort, members, mark, stamp + 1, keepHits);
                    stamp++;
                }
            }

            if (members == 0) return;
            if (plan.Outcome is { } outcome)
            {
                if (plan.SurvivalStep > 0)
                {
                    first = pool.Rent(people);
                    for (var i = 0; i < members; i++) first[cohort[i]] = NoEntry;
                }

                var outcomes = new OutcomeVisitor(entry, mark, stamp, outcome.From, outcome.To, first);
                segment.ForEachMatch(outcome.Criterion, ref outcomes);
            }

            for (var i = 0; i < members; i++)
            {
                var slot = cohort[i];
                var entryDate = DateOnly.FromDayNumber(entry[slot]);
                var age = CohortAge.AtEntry(segment.BirthMonths[slot], entryDate);
                var key = tally.KeyOf(segment.Sexes[slot], age, segment.Prefs[slot], entryDate.Year, mark[slot] == stamp + 1);
                var personKey = plan.Perturbation?.PersonKey(segment.Fingerprints[slot]) ?? 0;
                tally.Add(key, personKey);
                if (first is null) continue;
                if (first[slot] != NoEntry) tally.AddTime(key, first[slot], isEvent: true, personKey);
                else tally.AddTime(key, Math.Min(segment.LastDays[slot] - entry[slot], plan.Outcome!.To), isEvent: false, personKey);
            }
        }
        finally
        {
            pool.Return(entry);
            pool.Return(mark);
            pool.Return(cohort);
            if (first is not null) pool.Return(first);
        }
    }

    /// <summary>Keeps the members that a criterion hit (require) or did not hit (exclude), marked <paramref name="next"/>.</summary>
    private static int Keep(int[] cohort, int members, int[] mark, int next, bool keepHits)
    {
        var kept = 0;
        for (var i = 0; i < members; i++)
        {
            var slot = cohort[i];
            var hit = mark[slot] == next;
            if (hit != keepHits) continue;
            mark[slot] = next;
            cohort[kept++] = slot;
        }

        return kept;
    }

    /// <summary>The earliest day of each slot's matching rows inside the period.</summary>
    private struct EntryVisitor(int[] entry, int from, int to) : IEventVisitor
    {
        public readonly void Visit(int slot, int day, int row)
        {
            if (day >= from && day <= to && day < entry[slot]) entry[slot] = day;
        }
    }

    /// <summary>Moves a member to <c>member + 1</c> when a row lies inside the window around its entry date.</summary>
    private struct WindowVisitor(int[] entry, int[] mark, int member, int from, int to) : IEventVisitor
    {
        public readonly void Visit(int slot, int day, int row)
        {
            if (mark[slot] != member) return;
            var offset = day - entry[slot];
            if (offset >= from && offset <= to) mark[slot] = member + 1;
        }
    }

    /// <summary>Like <see cref="WindowVisitor"/>, and with survival keeps the earliest offset inside the window.</summary>
    private struct OutcomeVisitor(int[] entry, int[] mark, int member, int from, int to, int[]? first) : IEventVisitor
    {
        public readonly void Visit(int slot, int day, int row)
        {
            if (mark[slot] != member && mark[slot] != member + 1) return;
            var offset = day - entry[slot];
            if (offset < from || offset > to) return;
            mark[slot] = member + 1;
            if (first is not null && offset < first[slot]) first[slot] = offset;
        }
    }
}
