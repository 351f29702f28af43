using System.Net;
using Linkage.Client.Http;
using Linkage.Ingest;

namespace Linkage.Client.Ingestion;

/// <summary>
/// Sends an input to the API: the importer's events in batches (<see cref="FeedIngestionOptions"/>) as events-v1
/// NDJSON, up to <see cref="FeedIngestionOptions.InFlight"/> POSTs at once while the next body is read and built, the
/// API's rejected lines mapped back to the input's lines, every rejected line written to the rejects file beside the
/// input. A batch the API answers with 503 is sent again after the wait its Retry-After asks for; re-running the same
/// input changes nothing, since stored lines come back as duplicates.
/// </summary>
/// <remarks>
/// Answers are counted in the order the bodies were sent, on this run's own flow (the tally is not shared with the
/// sends). A body that fails stops the run from sending more; the bodies already in flight finish and what they
/// acknowledged is counted, so the report says what went in.
/// </remarks>
public sealed class FeedIngestion(IIngestSender sender, FeedIngestionOptions? options = null)
{
    private readonly FeedIngestionOptions _options = (options ?? new FeedIngestionOptions()) is { InFlight: >= 1 } valid
        ? valid
        : throw new ArgumentOutOfRangeException(nameof(options), $"{nameof(FeedIngestionOptions.InFlight)} must be at least 1");

    /// <summary>Reads and sends <paramref name="input"/> to the end, or until the API cannot take more (see <see cref="IngestionReport.Failure"/>).</summary>
    public async Task<IngestionReport> IngestAsync(
        IngestionInput input, IProgress<IngestionProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var tally = new IngestionTally(input, toStream: false);
        var run = new Run(this, tally, progress, cancellationToken);
        var batch = run.NewBatch();
        try
        {
            await foreach (var line in input.ReadAsync(cancellationToken))
            {
                var file = tally.Read(line);
                if (line.Event is { } feedEvent)
                {
                    batch.Add(file, line.Line, feedEvent, line.Lines);
                    if (batch.Count >= _options.BatchLines || batch.Bytes >= _options.BatchBytes)
                    {
                        if (!await run.SendAsync(batch)) break;
                        batch = run.NewBatch();
                    }
                }

                progress?.Report(tally.Progress());
            }

            if (!run.Failed && batch.Count > 0) await run.SendAsync(batch);
        }
        finally
        {
            // Whatever ended the reading, the bodies already sent are answered and counted before the report.
            await run.FinishAsync();
        }

        var report = await tally.FinishAsync(run.Failure, cancellationToken);
        progress?.Report(tally.Progress());
        return report;
    }

    /// <summary>What became of one body: the API's answer and how long it took, or why it could not be sent.</summary>
    private sealed record Outcome(IngestAnswer? Answer, TimeSpan Took, string? Failure);

    /// <summary>One run's bodies in flight, oldest first, and the batches free to be filled again.</summary>
    private sealed class Run(FeedIngestion ingestion, IngestionTally tally, IProgress<IngestionProgress>? progress, CancellationToken cancellationToken)
    {
        private readonly Queue<(IngestBatch Batch, Task<Outcome> Sending)> _inFlight = new();
        private readonly Stack<IngestBatch> _free = new();
        private volatile bool _failed;

        /// <summary>True once a body failed (a send noticed it, or its outcome was counted): no new body goes out.</summary>
        public bool Failed => _failed;

        /// <summary>Why the first body (in the order sent) that failed could not be sent; null while none did.</summary>
        public string? Failure { get; private set; }

        public IngestBatch NewBatch() => _free.TryPop(out var batch) ? batch : new IngestBatch();

        /// <summary>
        /// Sends <paramref name="batch"/> unless a body failed; once as many bodies are in flight as allowed, waits for the
        /// oldest and counts it. Returns false when the run must send no more.
        /// </summary>
        public async Task<bool> SendAsync(IngestBatch batch)
        {
            if (_failed) return false;
            _inFlight.Enqueue((batch, ingestion.SendAsync(batch, this, cancellationToken)));
            while (_inFlight.Count >= ingestion._options.InFlight || (_inFlight.Count > 0 && _inFlight.Peek().Sending.IsCompleted))
            {
                await CountOldestAsync();
            }

            return !_failed;
        }

        /// <summary>Waits for every body in flight and counts each, oldest first.</summary>
        public async Task FinishAsync()
        {
            while (_inFlight.Count > 0) await CountOldestAsync();
        }

        /// <summary>Called by a send the moment its body failed, so that the reading stops before the older bodies are answered.</summary>
        public void Fail() => _failed = true;

        public void Retried()
        {
            tally.Retried();
            progress?.Report(tally.Progress());
        }

        private async Task CountOldestAsync()
        {
            var (batch, sending) = _inFlight.Dequeue();
            var outcome = await sending;
            if (outcome.Answer is { } answer) tally.Answered(batch, answer, outcome.Took);
            else
            {
                Failure ??= outcome.Failure;
                _failed = true;
            }

            batch.Clear();
            _free.Push(batch);
        }
    }

    /// <summary>Sends one batch, again after a wait while the API says its storage is unavailable; never throws but for cancellation.</summary>
    private async Task<Outcome> SendAsync(IngestBatch batch, Run run, CancellationToken cancellationToken)
    {
        // Runs on the caller's flow up to the sender's first wait (for HTTP, once the request is on its way): the run
        // then reads and builds the next body while this one is linked.
        var started = _options.Time.GetTimestamp();
        var scheduled = 0;
        var asked = TimeSpan.Zero;
        for (var attempt = 0; ; attempt++)
        {
            string failure;
            try
            {
                var answer = await sender.SendAsync(batch.Body, cancellationToken);
                return new Outcome(answer, _options.Time.GetElapsedTime(started), null);
            }
            catch (LinkageApiException ex) when (IsTransient(ex.Status) && NextWait(ex, ref scheduled, ref asked) is { } wait)
            {
                run.Retried();
                await Task.Delay(wait, _options.Time, cancellationToken);
                continue;
            }
            catch (LinkageApiException ex)
            {
                failure = Describe(ex, attempt + 1);
            }
            catch (HttpRequestException ex)
            {
                failure = $"the API could not be reached: {ex.Message}";
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                failure = "the API did not answer in time";
            }

            run.Fail();
            return new Outcome(null, _options.Time.GetElapsedTime(started), failure);
        }
    }

    /// <summary>
    /// How long to wait before sending a body the API answered 503 (or 502/504) again, or null to give up: the API's
    /// Retry-After while this body's asked-for waits stay within <see cref="FeedIngestionOptions.RetryAfterBudget"/> (it
    /// knows how far behind it is, and a host behind its storage at a checkpoint catches up), then as many attempts
    /// more as <see cref="FeedIngestionOptions.RetryDelays"/> holds.
    /// </summary>
    private TimeSpan? NextWait(LinkageApiException ex, ref int scheduled, ref TimeSpan asked)
    {
        TimeSpan? askedFor = ex.RetryAfter is { } retryAfter ? Min(retryAfter, MaxRetryAfter) : null;
        if (askedFor is { } wait && asked + wait <= _options.RetryAfterBudget)
        {
            asked += wait;
            return wait;
        }

        // Past the budget, as many attempts more as the schedule has, each still after the wait asked for if any.
        if (scheduled >= _options.RetryDelays.Count) return null;
        var own = _options.RetryDelays[scheduled++];
        return askedFor ?? own;
    }

    /// <summary>A Retry-After longer than this is taken as this: the run goes on trying, as the schedule does.</summary>
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(1);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static bool IsTransient(HttpStatusCode status) =>
        status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout;

    private static string Describe(LinkageApiException ex, int attempts) => ex.Status switch
    {
        HttpStatusCode.Unauthorized => $"the API refused the key ({ex.Message}); give an operator key",
        HttpStatusCode.Forbidden => $"the key may not ingest ({ex.Message}); give a key with the operator role",
        _ when IsTransient(ex.Status) => $"{ex.Message} (after {attempts} attempts)",
        _ => ex.Message,
    };
}
