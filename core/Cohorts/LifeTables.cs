using System.Collections.Immutable;
using Linkage.Disclosure;

namespace Linkage.Cohorts;

/// <summary>
/// Builds one group's published life table from its survival times: cohort-v1's joined intervals, the cut before
/// too few at risk, and the trimmed tail that keeps the people still followed from being a small count.
/// </summary>
internal static class LifeTables
{
    /// <summary>One row of a table before it is published: the raw intervals it joins, and its counts.</summary>
    internal readonly record struct Row(int First, int Last, PublishedCell AtRisk, PublishedCell Events, PublishedCell Censored);

    /// <summary>
    /// The rows of a table, or an empty list when its first interval has fewer than minCell at risk.
    /// </summary>
    /// <remarks>
    /// One pass in order of time. An interval whose events or censored are from 1 to minCell - 1 (exactly, or as
    /// published when perturbed) is joined with the next (keeping its own at-risk count) until both are 0 or at
    /// least minCell. The pass ends before the first interval with fewer than minCell at risk, and a joined interval
    /// still short there (or at the end of the times) is left out. Then rows are dropped from the end until the
    /// people still followed after the last row are 0 or at least minCell: its at-risk minus its events and
    /// censored, which a reader would otherwise work out by subtraction.
    /// </remarks>
    public static List<Row> Rows(SurvivalCounts times, CellRule cells)
    {
        var intervals = times.Events.Length;
        var atRisk = new long[intervals + 1];
        var atRiskKeys = new ulong[intervals + 1];
        for (var k = intervals - 1; k >= 0; k--)
        {
            atRisk[k] = atRisk[k + 1] + times.Events[k] + times.Censored[k];
            atRiskKeys[k] = atRiskKeys[k + 1] + KeyAt(times.EventKeys, k) + KeyAt(times.CensoredKeys, k);
        }

        var rows = new List<Row>();
        if (intervals == 0) return rows;
        var first = -1;
        long events = 0, censored = 0;
        ulong eventKeys = 0, censoredKeys = 0;
        for (var k = 0; k < intervals; k++)
        {
            var risk = cells.Of(atRisk[k], atRiskKeys[k]);
            if (!cells.Publishable(risk)) break;
            if (first < 0)
            {
                first = k;
                (events, censored, eventKeys, censoredKeys) = (0, 0, 0, 0);
            }

            events += times.Events[k];
            censored += times.Censored[k];
            eventKeys += KeyAt(times.EventKeys, k);
            censoredKeys += KeyAt(times.CensoredKeys, k);
            var eventCell = cells.Of(events, eventKeys);
            var censoredCell = cells.Of(censored, censoredKeys);
            if (!cells.Publishable(eventCell) || !cells.Publishable(censoredCell)) continue;
            rows.Add(new Row(first, k, cells.Of(atRisk[first], atRiskKeys[first]), eventCell, censoredCell));
            first = -1;
        }

        while (rows.Count > 0 && !cells.Harmless(StillFollowed(rows[^1]))) rows.RemoveAt(rows.Count - 1);
        return rows;
    }

    /// <summary>The people still followed after <paramref name="row"/>: its at-risk minus its events and censored.</summary>
    public static long StillFollowed(Row row) => row.AtRisk.Exact - row.Events.Exact - row.Censored.Exact;

    /// <summary>The published table of <paramref name="rows"/>, with the actuarial survival of the published counts.</summary>
    public static SurvivalTable Publish(ImmutableArray<string> key, IReadOnlyList<Row> rows, int step)
    {
        var published = ImmutableArray.CreateBuilder<SurvivalInterval>(rows.Count);
        var survival = 1.0;
        foreach (var row in rows)
        {
            // The actuarial estimate: people censored in an interval count as at risk for half of it.
            survival *= 1 - row.Events.Published / (row.AtRisk.Published - row.Censored.Published / 2.0);
            published.Add(new SurvivalInterval
            {
                From = row.First * step,
                To = (row.Last + 1) * step - 1,
                AtRisk = row.AtRisk.Published,
                Events = row.Events.Published,
                Censored = row.Censored.Published,
                Survival = Math.Round(Math.Clamp(survival, 0, 1), 4, MidpointRounding.AwayFromZero),
            });
        }

        return new SurvivalTable { Key = key, Intervals = published.MoveToImmutable() };
    }

    private static ulong KeyAt(ImmutableArray<ulong> keys, int k) => !keys.IsDefault && k < keys.Length ? keys[k] : 0;
}
