using System.Runtime.InteropServices;
using Linkage.Feeds;

namespace Linkage.Cohorts;

/// <summary>
/// The <see cref="SummaryEvent"/> of each record version a component has summarised, kept between its publishes: a
/// person's summary is rebuilt for every batch that changes them, and converting all their records every time made the
/// cost of one event grow with the person's history.
/// </summary>
/// <remarks>An entry is reused only for the very version it was made from, so a replaced version is converted again.</remarks>
public sealed class SummaryEventCache
{
    private readonly Dictionary<RecordKey, (FeedEvent Record, SummaryEvent Event)> _events = [];

    /// <summary>How many record versions have a summary event kept.</summary>
    public int Count => _events.Count;

    /// <summary>The summary event of <paramref name="record"/>, converted once per version.</summary>
    public SummaryEvent Of(FeedEvent record)
    {
        ArgumentNullException.ThrowIfNull(record);
        ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_events, record.Key, out var exists);
        if (!exists || !ReferenceEquals(entry.Record, record)) entry = (record, PersonSummaries.EventOf(record));
        return entry.Event;
    }

    /// <summary>Forgets every kept event (records left the component: a merge, an opt-out).</summary>
    public void Clear() => _events.Clear();
}
