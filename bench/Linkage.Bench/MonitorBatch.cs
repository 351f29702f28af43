using System.Collections.Immutable;
using Linkage.Cohorts;
using Linkage.Feeds;
using Linkage.Linking;

namespace Linkage.Bench;

/// <summary>
/// One ingest batch for the monitor benchmark: the latest <c>lines</c> current records of a linked population (by
/// date), and the index updates of the people they touch without them (<see cref="Before"/>) and with them
/// (<see cref="After"/>). Person <c>i</c> is component <c>i</c>, as the benchmark's indexes hold them.
/// </summary>
internal sealed record MonitorBatch(ImmutableArray<IndexUpdate> Before, ImmutableArray<IndexUpdate> After, int Lines)
{
    public static MonitorBatch Of((string Id, IReadOnlyCollection<FeedEvent> Records)[] people, int lines)
    {
        // The day from which the latest records make up the batch, and how many of that day it takes.
        var days = new SortedDictionary<int, int>();
        foreach (var (_, records) in people)
        {
            foreach (var record in records) days[record.Date.DayNumber] = days.GetValueOrDefault(record.Date.DayNumber) + 1;
        }

        var (cutoff, later) = (int.MaxValue, 0);
        foreach (var (day, count) in days.Reverse())
        {
            cutoff = day;
            if (later + count >= lines) break;
            later += count;
        }

        var onCutoff = lines - later;
        var before = ImmutableArray.CreateBuilder<IndexUpdate>();
        var after = ImmutableArray.CreateBuilder<IndexUpdate>();
        var taken = 0;
        for (var i = 0; i < people.Length; i++)
        {
            var (id, records) = people[i];
            var kept = new List<FeedEvent>();
            foreach (var record in records)
            {
                var inBatch = record.Date.DayNumber > cutoff || (record.Date.DayNumber == cutoff && onCutoff-- > 0);
                if (inBatch) taken++;
                else kept.Add(record);
            }

            if (kept.Count == records.Count) continue;
            var component = new ComponentId(i);
            before.Add(new IndexUpdate { Component = component, People = kept.Count == 0 ? [] : [PersonSummaries.Of(id, kept)] });
            after.Add(new IndexUpdate { Component = component, People = [PersonSummaries.Of(id, records)] });
        }

        return new MonitorBatch(before.ToImmutable(), after.ToImmutable(), taken);
    }
}
