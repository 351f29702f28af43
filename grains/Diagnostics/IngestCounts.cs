using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.Diagnostics;

/// <summary>
/// A batch's accepted and duplicate record versions by (source, kind), gathered group by group and counted once per
/// batch (<see cref="LinkageMetrics.Ingested(IngestCounts)"/>) rather than one counter call per version.
/// </summary>
/// <remarks>
/// A group's tally does not say which versions were the duplicates, so only a group that was all accepted or all
/// duplicates is counted per version; a group of both is counted under its source and kind, or
/// <see cref="LinkageMetrics.Unknown"/> where it has several.
/// </remarks>
public sealed class IngestCounts
{
    private readonly Dictionary<(string Source, string Kind), (long Accepted, long Duplicates)> _counts = [];

    public IEnumerable<KeyValuePair<(string Source, string Kind), (long Accepted, long Duplicates)>> Counts => _counts;

    public void Add(ReadOnlySpan<FeedEvent> events, IngestTally tally)
    {
        if (tally.Duplicates == 0 && tally.Accepted == events.Length)
        {
            foreach (var e in events) Add(e.Source, EventKinds.Name(e.Kind), 1, 0);
        }
        else if (tally.Accepted == 0 && tally.Duplicates == events.Length)
        {
            foreach (var e in events) Add(e.Source, EventKinds.Name(e.Kind), 0, 1);
        }
        else
        {
            Add(Common(events, static e => e.Source), Common(events, static e => EventKinds.Name(e.Kind)), tally.Accepted, tally.Duplicates);
        }
    }

    /// <summary>The value every version shares, or <see cref="LinkageMetrics.Unknown"/>.</summary>
    public static string Common(ReadOnlySpan<FeedEvent> events, Func<FeedEvent, string> value)
    {
        string? common = null;
        foreach (var e in events)
        {
            var v = value(e);
            if (common is null) common = v;
            else if (common != v) return LinkageMetrics.Unknown;
        }

        return common ?? LinkageMetrics.Unknown;
    }

    private void Add(string source, string kind, long accepted, long duplicates)
    {
        ref var count = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(_counts, (source, kind), out _);
        count = (count.Accepted + accepted, count.Duplicates + duplicates);
    }
}
