using System.Net;
using Linkage.Client.Http;
using Linkage.Client.Ingestion;
using Linkage.Feeds;
using Microsoft.Extensions.Time.Testing;
using static Linkage.Tests.Ingestion.IngestionFixture;

namespace Linkage.Tests.Ingestion;

/// <summary>
/// FeedIngestion against an API the test answers body by body: with several POSTs in flight
/// (<see cref="FeedIngestionOptions.InFlight"/>) the next body goes out before the earlier ones are answered, and the
/// counts, rejects, times, retries and stopping stay those of one body at a time; a host that asks to be given time
/// (503 with Retry-After) is given it within <see cref="FeedIngestionOptions.RetryAfterBudget"/>.
/// </summary>
public sealed class FeedIngestionInFlightTests : IDisposable
{
    private readonly IngestionFixture _fixture = new();
    private readonly GatedIngestApi _api = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public Task The_next_body_is_sent_before_the_previous_one_is_answered_up_to_InFlight() => OffTheTestContext(async () =>
    {
        var path = Ndjson("labs.ndjson", 3);

        var run = Start(new FeedIngestion(_api, NoWait(batchLines: 1) with { InFlight = 2 }), path);
        await _api.Arrived(2);

        // Two bodies out, neither answered: the third waits for a place.
        Assert.Equal(2, _api.Bodies.Count);
        Assert.False(run.IsCompleted);
        _api.Answer(2);
        _api.Answer(1);
        await _api.Arrived(3);
        _api.Answer(3);
        var report = await run;

        Assert.Equal(["r1", "r2", "r3"], _api.Bodies.Select(b => Assert.Single(FeedReader.Read(b)).Event!.RecordId));
        Assert.Equal((3, 3, 3), (report.Batches, report.Sent, report.Accepted));
        Assert.Null(report.Failure);
    });

    [Fact]
    public Task With_InFlight_1_a_body_is_sent_only_after_the_previous_answer() => OffTheTestContext(async () =>
    {
        var path = Ndjson("labs.ndjson", 2);

        var run = Start(new FeedIngestion(_api, NoWait(batchLines: 1) with { InFlight = 1 }), path);
        await _api.Arrived(1);
        Assert.Single(_api.Bodies);
        _api.Answer(1);
        await _api.Arrived(2);
        _api.Answer(2);

        Assert.Equal(2, (await run).Accepted);
    });

    [Fact]
    public Task Rejects_answered_out_of_order_are_mapped_to_their_input_lines_and_written_in_input_order_with_each_body_its_own_time() => OffTheTestContext(async () =>
    {
        // Bodies of two lines: r2 is line 2 of body 1, r3 line 1 of body 2, r6 line 2 of body 3.
        var path = Ndjson("labs.ndjson", 6);
        var clock = new FakeTimeProvider();

        var run = Start(new FeedIngestion(_api, NoWait(batchLines: 2) with { InFlight = 3, Time = clock }), path);
        await _api.Arrived(3);
        clock.Advance(TimeSpan.FromSeconds(1));
        _api.Answer(3, "r6");
        clock.Advance(TimeSpan.FromSeconds(1));
        _api.Answer(2, "r3");
        clock.Advance(TimeSpan.FromSeconds(1));
        _api.Answer(1, "r2");
        var report = await run;

        Assert.Equal(["line,reason", "2,bad r2", "3,bad r3", "6,bad r6", ""], File.ReadAllText(RejectsFile.PathFor(path)).Split("\r\n"));
        Assert.Equal([(2, "bad r2"), (3, "bad r3"), (6, "bad r6")], report.Rejections.OrderBy(r => r.Line).Select(r => (r.Line, r.Reason)));
        Assert.All(report.Rejections, r => Assert.Equal(path, r.File));
        Assert.Equal((6, 3, 6), (report.Sent, report.Accepted, report.LinesRead));
        Assert.Equal(3, Assert.Single(report.Files).Rejected);

        // In the order sent: body 1 was answered last, 3 s after it went out; body 3 first, after 1 s.
        Assert.Equal([TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)], report.BatchTimes);
    });

    [Fact]
    public Task A_failed_body_stops_the_sending_and_the_report_counts_what_the_bodies_in_flight_got_acknowledged() => OffTheTestContext(async () =>
    {
        var path = Ndjson("labs.ndjson", 5);

        var run = Start(new FeedIngestion(_api, NoWait(batchLines: 1) with { InFlight = 2 }), path);
        await _api.Arrived(2);
        _api.Fail(2, new HttpRequestException("Connection reset"));
        _api.Answer(1);
        var report = await run;

        // Body 1 was in flight when body 2 failed: it finished and counts; no third body went out.
        Assert.Equal(2, _api.Bodies.Count);
        Assert.Equal((1, 1, 1), (report.Batches, report.Sent, report.Accepted));
        Assert.Equal("the API could not be reached: Connection reset", report.Failure);
        Assert.False(report.NothingSent);
        Assert.Equal(0, IngestionReport.ExitCode([report]));
    });

    [Fact]
    public Task When_the_oldest_body_fails_the_younger_one_in_flight_still_counts_and_the_failure_is_the_oldest() => OffTheTestContext(async () =>
    {
        var path = Ndjson("labs.ndjson", 5);

        var run = Start(new FeedIngestion(_api, NoWait(batchLines: 1, retries: 0) with { InFlight = 2 }), path);
        await _api.Arrived(2);
        _api.Fail(1, FakeIngestApi.Problem(HttpStatusCode.Forbidden, "operator role required"));
        _api.Fail(2, new HttpRequestException("Connection reset"));
        var report = await run;

        Assert.Equal(2, _api.Bodies.Count);
        Assert.Equal((0, 0), (report.Batches, report.Accepted));
        Assert.StartsWith("the key may not ingest (", report.Failure);
        Assert.Contains("operator role required", report.Failure);
        Assert.True(report.NothingSent);
    });

    [Fact]
    public Task A_body_answered_503_waits_its_Retry_After_on_the_run_clock_while_the_next_body_is_in_flight() => OffTheTestContext(async () =>
    {
        var path = Ndjson("labs.ndjson", 2);
        var clock = new FakeTimeProvider();
        var ownSchedule = new FeedIngestionOptions { BatchLines = 1, InFlight = 2, Time = clock, RetryDelays = [TimeSpan.FromMinutes(10)] };

        var run = Start(new FeedIngestion(_api, ownSchedule), path);
        await _api.Arrived(2);
        _api.Fail(1, new LinkageApiException(HttpStatusCode.ServiceUnavailable, "ingest is behind", retryAfter: TimeSpan.FromSeconds(5)));
        _api.Answer(2);

        // Not sent again before the 5 s it asked for (not the own schedule's 10 minutes).
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(2, _api.Bodies.Count);
        clock.Advance(TimeSpan.FromSeconds(1));
        await _api.Arrived(3);
        Assert.Equal(_api.Bodies[0], _api.Bodies[2]);
        clock.Advance(TimeSpan.FromSeconds(2));
        _api.Answer(3);
        var report = await run;

        Assert.Equal((2, 1, 2), (report.Sent, report.Retries, report.Accepted));
        Assert.Equal([TimeSpan.FromSeconds(7), TimeSpan.Zero], report.BatchTimes);
        Assert.Null(report.Failure);
    });

    [Fact]
    public Task A_host_behind_its_storage_is_waited_out_as_long_as_its_Retry_After_stays_within_the_budget() => OffTheTestContext(async () =>
    {
        var path = Ndjson("labs.ndjson", 1);
        var clock = new FakeTimeProvider();
        var options = new FeedIngestionOptions { InFlight = 1, Time = clock, RetryDelays = [], RetryAfterBudget = TimeSpan.FromMinutes(1) };

        // Twelve times "behind, come back in 5 s": 60 s asked for in all, within the minute, where the five attempts of
        // the schedule alone used to stop the run.
        var run = Start(new FeedIngestion(_api, options), path);
        for (var post = 1; post <= 12; post++)
        {
            await _api.Arrived(post);
            _api.Fail(post, Behind(TimeSpan.FromSeconds(5)));
            clock.Advance(TimeSpan.FromSeconds(5));
        }

        await _api.Arrived(13);
        _api.Answer(13);
        var report = await run;

        Assert.Equal((1, 12, null), (report.Accepted, report.Retries, report.Failure));
        Assert.Equal([TimeSpan.FromSeconds(60)], report.BatchTimes);
    });

    [Fact]
    public Task Past_the_Retry_After_budget_the_schedule_gives_the_last_attempts_and_then_the_run_stops() => OffTheTestContext(async () =>
    {
        var path = Ndjson("labs.ndjson", 1);
        var clock = new FakeTimeProvider();
        var options = new FeedIngestionOptions { InFlight = 1, Time = clock, RetryDelays = [TimeSpan.FromSeconds(1)], RetryAfterBudget = TimeSpan.FromSeconds(10) };

        // Two waits of 5 s fill the budget; the schedule's one attempt more still waits the 5 s asked for; then it stops.
        var run = Start(new FeedIngestion(_api, options), path);
        for (var post = 1; post <= 3; post++)
        {
            await _api.Arrived(post);
            _api.Fail(post, Behind(TimeSpan.FromSeconds(5)));
            clock.Advance(TimeSpan.FromSeconds(4));
            Assert.Equal(post, _api.Bodies.Count);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        await _api.Arrived(4);
        _api.Fail(4, Behind(TimeSpan.FromSeconds(5)));
        var report = await run;

        Assert.Equal(4, _api.Bodies.Count);
        Assert.Equal((0, 3), (report.Accepted, report.Retries));
        Assert.Contains("the log's storage is slow", report.Failure);
        Assert.Contains("after 4 attempts", report.Failure);
    });

    [Fact]
    public void InFlight_below_1_is_refused_naming_the_option()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() => new FeedIngestion(_api, new FeedIngestionOptions { InFlight = 0 }));
        Assert.Contains("InFlight must be at least 1", refused.Message);
    }

    private static LinkageApiException Behind(TimeSpan retryAfter) =>
        new(HttpStatusCode.ServiceUnavailable, "the log's storage is slow: appends take 5.1 s", retryAfter: retryAfter);

    /// <summary>
    /// Runs a test off xunit's synchronization context, so that the run's awaits resume on the thread that completes
    /// them: an answer the test gives is taken by the run before the test's next step (see <see cref="GatedIngestApi"/>).
    /// </summary>
    private static Task OffTheTestContext(Func<Task> test) => Task.Run(test);

    private static Task<IngestionReport> Start(FeedIngestion ingestion, string path) => ingestion.IngestAsync(NdjsonInput(path));

    private string Ndjson(string name, int events) =>
        _fixture.NdjsonFile(name, [.. Enumerable.Range(1, events).Select(i => FeedEventJson.ToJson(Lab($"r{i}")))]);
}
