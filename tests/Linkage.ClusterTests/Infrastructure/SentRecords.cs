using Linkage.Feeds;

namespace Linkage.ClusterTests.Infrastructure;

/// <summary>
/// What a crash test sent (every version, answered or not) and what the platform acknowledged: an ingest answered 200,
/// or a stream batch its feed ledger lists as taken. Thread-safe: concurrent senders record into one.
/// </summary>
public sealed class SentRecords
{
    private readonly object _lock = new();
    private readonly List<FeedEvent> _sent = [];
    private readonly List<FeedEvent> _acknowledged = [];
    private readonly List<string> _laneEnds = [];
    private readonly List<(int Count, TaskCompletionSource Done)> _waiters = [];
    private int _answersLost;
    private int _refused;

    /// <summary>Requests whose answer never came (the host died with them in flight).</summary>
    public int AnswersLost => Volatile.Read(ref _answersLost);

    /// <summary>Requests answered 503: nothing of them was acknowledged.</summary>
    public int Refused => Volatile.Read(ref _refused);

    public IReadOnlyList<FeedEvent> Sent
    {
        get
        {
            lock (_lock) return [.. _sent];
        }
    }

    public IReadOnlyList<FeedEvent> Acknowledged
    {
        get
        {
            lock (_lock) return [.. _acknowledged];
        }
    }

    /// <summary>The sources of everything sent, for reading back only this test's records.</summary>
    public IReadOnlySet<string> Sources
    {
        get
        {
            lock (_lock) return _sent.Select(e => e.Source).ToHashSet();
        }
    }

    public void Sending(IEnumerable<FeedEvent> events)
    {
        lock (_lock) _sent.AddRange(events);
    }

    public void Acknowledge(IEnumerable<FeedEvent> events)
    {
        lock (_lock)
        {
            _acknowledged.AddRange(events);
            _waiters.RemoveAll(w => _acknowledged.Count > w.Count && w.Done.TrySetResult());
        }
    }

    /// <summary>Completes once more than <paramref name="count"/> events have been acknowledged.</summary>
    public Task AcknowledgedBeyond(int count)
    {
        lock (_lock)
        {
            if (_acknowledged.Count > count) return Task.CompletedTask;
            var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, done));
            return done.Task;
        }
    }

    public void AnswerLost() => Interlocked.Increment(ref _answersLost);

    /// <summary>How each sender stopped, for failure messages.</summary>
    public string LaneEnds
    {
        get
        {
            lock (_lock) return string.Join("; ", _laneEnds);
        }
    }

    public void LaneEnded(string how)
    {
        lock (_lock) _laneEnds.Add(how);
    }

    public void RefusedOnce() => Interlocked.Increment(ref _refused);

    /// <summary>The valid events of NDJSON lines.</summary>
    public static List<FeedEvent> EventsOf(IEnumerable<string> lines) =>
        lines.Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>().ToList();
}
