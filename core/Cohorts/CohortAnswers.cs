using System.Collections.Immutable;

namespace Linkage.Cohorts;

/// <summary>Turns a counted cohort into the answer a research client may see: cohort-v1's small-cell rules and life tables.</summary>
public static class CohortAnswers
{
    /// <summary>
    /// The answer to <paramref name="definition"/> from its exact <paramref name="tally"/>. Counts from 1 to minCell - 1
    /// are suppressed, minCell being the definition's but never below <paramref name="minCellFloor"/>, so no count from
    /// 1 to the floor - 1 is ever published, however the definition was made.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minCellFloor"/> is below 1.</exception>
    public static CohortAnswer Publish(CohortDefinition definition, CohortTally tally, DateTimeOffset asOf, int minCellFloor)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(tally);
        ArgumentOutOfRangeException.ThrowIfLessThan(minCellFloor, 1);
        var minCell = Math.Max(definition.MinCell, minCellFloor);
        var counted = CohortTallies.Sum([tally]);

        var groups = ImmutableArray.CreateBuilder<CohortGroup>(counted.Groups.Length);
        var suppressed = 0;
        foreach (var group in counted.Groups)
        {
            if (group.Count <= 0) continue;
            var small = group.Count < minCell;
            if (small) suppressed++;
            groups.Add(new CohortGroup { Key = group.Key, Count = small ? null : group.Count });
        }

        return new CohortAnswer
        {
            AsOf = asOf.ToUniversalTime(),
            MinCell = minCell,
            Total = counted.Total < minCell ? null : counted.Total,
            GroupBy = definition.GroupBy,
            Groups = groups.MoveToImmutable(),
            Suppressed = suppressed,
            Survival = definition.Survival is { } survival
                ? [.. counted.Survival.Select(times => LifeTable(times, survival.Step, minCell)).OfType<SurvivalTable>()]
                : null,
        };
    }

    /// <summary>
    /// The published life table of one group, or null when its first interval has fewer than
    /// <paramref name="minCell"/> at risk.
    /// </summary>
    /// <remarks>
    /// One pass in order of time. An interval whose events are from 1 to minCell - 1 is joined with the next (keeping
    /// its own at-risk count, summing events and censored) until the joined events are 0 or at least minCell. The
    /// pass ends before the first interval with fewer than minCell at risk, and a joined interval still short of
    /// minCell events there (or at the end of the times) is left out: so every interval that goes into the table had
    /// at least minCell at risk.
    /// </remarks>
    internal static SurvivalTable? LifeTable(SurvivalCounts times, int step, int minCell)
    {
        var intervals = times.Events.Length;
        var atRisk = new long[intervals + 1];
        for (var k = intervals - 1; k >= 0; k--) atRisk[k] = atRisk[k + 1] + times.Events[k] + times.Censored[k];
        if (intervals == 0 || atRisk[0] < minCell) return null;

        var rows = ImmutableArray.CreateBuilder<SurvivalInterval>();
        var survival = 1.0;
        var first = -1;
        long events = 0, censored = 0;
        for (var k = 0; k < intervals && atRisk[k] >= minCell; k++)
        {
            if (first < 0)
            {
                first = k;
                events = 0;
                censored = 0;
            }

            events += times.Events[k];
            censored += times.Censored[k];
            if (events > 0 && events < minCell) continue;

            // The actuarial estimate: people censored in an interval count as at risk for half of it.
            survival *= 1 - events / (atRisk[first] - censored / 2.0);
            rows.Add(new SurvivalInterval
            {
                From = first * step,
                To = (k + 1) * step - 1,
                AtRisk = atRisk[first],
                Events = events,
                Censored = censored,
                Survival = Math.Round(survival, 4, MidpointRounding.AwayFromZero),
            });
            first = -1;
        }

        return new SurvivalTable { Key = times.Key, Intervals = rows.ToImmutable() };
    }
}
