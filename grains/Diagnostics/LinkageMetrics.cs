using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Linkage.Streams;
using Linkage.Feeds;
using Linkage.Ingest;
using Linkage.Linking;

namespace Linkage.Diagnostics;

/// <summary>
/// Linkage's instruments, on one meter named <see cref="MeterName"/>. The Prometheus exporter shows them as
/// <c>linkage_...</c> series: dots become underscores, counters end in <c>_total</c>, seconds in <c>_seconds</c>.
/// </summary>
public sealed partial class LinkageMetrics
{
    /// <summary>The meter every instrument is on; exporters subscribe to this name.</summary>
    public const string MeterName = "Linkage";

    /// <summary>Tag value where a body or a chunk does not tell (the source of a body of several, a mixed chunk's kind).</summary>
    public const string Unknown = "unknown";

    // Latencies in seconds: from a millisecond storage append to a ten-second cohort query.
    private static readonly InstrumentAdvice<double> SecondsAdvice = new()
    {
        HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    };

    private readonly Counter<long> _ingested;
    private readonly Counter<long> _duplicates;
    private readonly Counter<long> _rejected;
    private readonly Counter<long> _merges;
    private readonly Counter<long> _splits;
    private readonly Counter<long> _linked;
    private readonly Counter<long> _shadowMismatches;
    private long _inPlace;
    private long _relinked;
    private long _shadowChecks;
    private long _shadowMismatchCount;
    private readonly Histogram<double> _logAppend;
    private Func<long> _snapshotBacklog = () => 0;
    private Func<long> _unflushedLog = () => 0;
    private readonly Histogram<double> _cohortQuery;
    private readonly ConcurrentDictionary<string, FeedQueueObservation> _queues = new(StringComparer.Ordinal);

    public LinkageMetrics(IMeterFactory meters, LinkageMeterName name)
    {
        var meter = meters.Create(name.Value);
        _ingested = meter.CreateCounter<long>("linkage.events.ingested", "{event}", "Record versions accepted and durably stored, by source and kind.");
        _duplicates = meter.CreateCounter<long>("linkage.events.duplicates", "{event}", "Record versions already stored (same or older version), by source and kind.");
        _rejected = meter.CreateCounter<long>("linkage.events.rejected", "{line}", "Feed lines rejected, by source (unknown when a body mixes sources) and the field the reason names.");
        _merges = meter.CreateCounter<long>("linkage.people.merges", "{change}", "Times several people became one, by the source of the record that caused it.");
        _splits = meter.CreateCounter<long>("linkage.people.splits", "{change}", "Times one person became several, by the source of the record that caused it.");
        _linked = meter.CreateCounter<long>("linkage.linking.versions", "{version}", "Record versions a component took, by how: in place (incremental linking) or by relinking the component.");
        _shadowMismatches = meter.CreateCounter<long>("linkage.linking.shadow.mismatches", "{batch}", "Batches linked in place whose people differ from relinking the component (shadow linking).");
        _logAppend = meter.CreateHistogram("linkage.log.append.duration", "s", "Time to append to a grain's durable log.", tags: null, advice: SecondsAdvice);
        meter.CreateObservableGauge("linkage.snapshot.backlog", () => _snapshotBacklog(), "{component}", "Components an ingest changed whose snapshot the next checkpoint writes.");
        meter.CreateObservableGauge("linkage.log.unflushed", () => _unflushedLog(), "{entry}", "Ingest log entries past the checkpoint: what a crash would have to replay.");
        _cohortQuery = meter.CreateHistogram("linkage.cohort.query.duration", "s", "Time to answer a cohort query.", tags: null, advice: SecondsAdvice);
        meter.CreateObservableGauge("linkage.stream.queue.depth", ObserveDepths, "{message}", "Messages waiting in each feed stream queue (approximate, as storage reports it).");
        meter.CreateObservableGauge("linkage.stream.oldest.age", ObserveAges, "s", "Age of the oldest undelivered message in each feed stream queue: the stream's lag.");
    }

    /// <summary>Counts a batch's routed record versions (<see cref="IngestCounts"/>): one counter call per source and kind.</summary>
    public void Ingested(IngestCounts counts)
    {
        foreach (var ((source, kind), (accepted, duplicates)) in counts.Counts)
        {
            var tags = SourceAndKind(source, kind);
            if (accepted > 0) _ingested.Add(accepted, tags);
            if (duplicates > 0) _duplicates.Add(duplicates, tags);
        }
    }

    /// <summary>Counts the rejected lines of a body whose valid lines are <paramref name="accepted"/>: under their source when they share one, else <see cref="Unknown"/>.</summary>
    public void Rejected(IReadOnlyCollection<FeedRejection> rejections, IReadOnlyList<FeedEvent> accepted)
    {
        if (rejections.Count > 0) Rejected(rejections, accepted.Count == 0 ? Unknown : IngestCounts.Common(accepted.ToArray(), e => e.Source));
    }

    /// <summary>Counts rejected lines of <paramref name="source"/>.</summary>
    public void Rejected(IEnumerable<FeedRejection> rejections, string source)
    {
        foreach (var r in rejections)
        {
            _rejected.Add(1, new TagList { { "source", source }, { "field", FieldOf(r.Reason) } });
        }
    }

    /// <summary>Counts a merge or a split of people under the source of the record that caused it.</summary>
    public void PeopleChanged(LinkageChange change) =>
        (change.Kind == LinkageChangeKind.Merge ? _merges : _splits).Add(1, new KeyValuePair<string, object?>("source", change.Cause.IsDefaultOrEmpty ? Unknown : change.Cause[0].Source));

    /// <summary>Counts one batch's versions by how the component linked them.</summary>
    public void Linked(int inPlace, int relinked)
    {
        if (inPlace > 0)
        {
            _linked.Add(inPlace, new KeyValuePair<string, object?>("path", "in-place"));
            Interlocked.Add(ref _inPlace, inPlace);
        }

        if (relinked > 0)
        {
            _linked.Add(relinked, new KeyValuePair<string, object?>("path", "relinked"));
            Interlocked.Add(ref _relinked, relinked);
        }
    }

    /// <summary>Versions linked in place and by relinking by this silo since it started (for the bench's report).</summary>
    public (long InPlace, long Relinked) Linking => (Interlocked.Read(ref _inPlace), Interlocked.Read(ref _relinked));

    /// <summary>Counts one shadow check of a batch linked in place.</summary>
    public void ShadowChecked(bool mismatch)
    {
        Interlocked.Increment(ref _shadowChecks);
        if (!mismatch) return;
        Interlocked.Increment(ref _shadowMismatchCount);
        _shadowMismatches.Add(1);
    }

    /// <summary>Shadow checks made and mismatches found by this silo since it started (for the bench's report).</summary>
    public (long Checks, long Mismatches) ShadowLinking => (Interlocked.Read(ref _shadowChecks), Interlocked.Read(ref _shadowMismatchCount));

    /// <summary>Records the time one durable log append took.</summary>
    public void LogAppended(TimeSpan elapsed) => _logAppend.Record(elapsed.TotalSeconds);

    /// <summary>Where the snapshot backlog and the log's unflushed entries are read from (this silo's checkpointer).</summary>
    public void ObserveCheckpoints(Func<long> snapshotBacklog, Func<long> unflushedLog)
    {
        _snapshotBacklog = snapshotBacklog;
        _unflushedLog = unflushedLog;
    }

    /// <summary>Records the time one cohort query took.</summary>
    public void CohortQueried(TimeSpan elapsed) => _cohortQuery.Record(elapsed.TotalSeconds);

    /// <summary>Keeps the latest reading of a feed stream queue for the gauges.</summary>
    public void FeedQueueObserved(string queue, FeedQueueObservation observation) => _queues[queue] = observation;

    private IEnumerable<Measurement<long>> ObserveDepths() =>
        _queues.Select(q => new Measurement<long>(q.Value.Messages, new KeyValuePair<string, object?>("queue", q.Key)));

    private IEnumerable<Measurement<double>> ObserveAges() =>
        _queues.Select(q => new Measurement<double>(q.Value.OldestAge.TotalSeconds, new KeyValuePair<string, object?>("queue", q.Key)));

    private static TagList SourceAndKind(string source, string kind) => new() { { "source", source }, { "kind", kind } };

    /// <summary>The field a rejection reason names first (<c>data.items[3].code</c> counts as <c>data.items[].code</c>), so tags stay few.</summary>
    public static string FieldOf(string reason)
    {
        var colon = reason.IndexOf(": ", StringComparison.Ordinal);
        var field = colon < 0 ? reason : reason[..colon];
        field = Index().Replace(field, "[]");
        return field.Length <= 40 && FieldName().IsMatch(field) ? field : "other";
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9_.\[\] ]*$")]
    private static partial Regex FieldName();
}
