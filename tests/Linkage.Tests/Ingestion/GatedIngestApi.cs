using Linkage.Client.Ingestion;
using Linkage.Feeds;
using Linkage.Ingest;

namespace Linkage.Tests.Ingestion;

/// <summary>
/// An API that answers each POST only when the test says so, in whatever order it likes: every body waits on its own
/// <see cref="TaskCompletionSource{T}"/>, and the test waits for the n-th body to arrive, never for a time.
/// </summary>
/// <remarks>
/// An answer runs what waits on it at once, on the test's thread, before <see cref="Answer"/> or <see cref="Fail"/>
/// returns, provided the test runs off xunit's synchronization context (<see cref="FeedIngestionInFlightTests"/> runs
/// its tests in <see cref="Task.Run(Func{Task})"/>): so when the test answers the next body, the run has already seen
/// the previous answer.
/// </remarks>
internal sealed class GatedIngestApi : IIngestSender
{
    private readonly object _gate = new();
    private readonly List<Post> _posts = [];
    private readonly Dictionary<int, TaskCompletionSource> _arrivals = [];

    /// <summary>The bodies sent so far, in order (a body sent again after a 503 counts again).</summary>
    public IReadOnlyList<string> Bodies
    {
        get
        {
            lock (_gate) return [.. _posts.Select(p => p.Body)];
        }
    }

    public Task<IngestAnswer> SendAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancellationToken)
    {
        var post = new Post(System.Text.Encoding.UTF8.GetString(ndjson.Span));
        TaskCompletionSource? arrived;
        lock (_gate)
        {
            _posts.Add(post);
            _arrivals.Remove(_posts.Count, out arrived);
        }

        arrived?.SetResult();
        return post.Answer.Task;
    }

    /// <summary>Completes once <paramref name="count"/> POSTs have been made.</summary>
    public Task Arrived(int count)
    {
        lock (_gate)
        {
            if (_posts.Count >= count) return Task.CompletedTask;
            if (!_arrivals.TryGetValue(count, out var arrival)) _arrivals[count] = arrival = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return arrival.Task;
        }
    }

    /// <summary>Answers POST <paramref name="number"/> (1-based): every line accepted, but those of <paramref name="rejectedRecordIds"/>, rejected with "bad RECORD".</summary>
    public void Answer(int number, params string[] rejectedRecordIds)
    {
        var post = PostAt(number);
        var accepted = 0;
        var rejected = new List<FeedRejection>();
        foreach (var line in FeedReader.Read(post.Body))
        {
            if (rejectedRecordIds.Contains(line.Event!.RecordId)) rejected.Add(new FeedRejection { Line = line.Line, Reason = "bad " + line.Event.RecordId });
            else accepted++;
        }

        post.Answer.SetResult(new IngestAnswer(accepted, 0, 0, rejected));
    }

    /// <summary>Makes POST <paramref name="number"/> (1-based) fail with <paramref name="failure"/>.</summary>
    public void Fail(int number, Exception failure) => PostAt(number).Answer.SetException(failure);

    private Post PostAt(int number)
    {
        lock (_gate) return _posts[number - 1];
    }

    private sealed record Post(string Body)
    {
        public TaskCompletionSource<IngestAnswer> Answer { get; } = new();
    }
}
