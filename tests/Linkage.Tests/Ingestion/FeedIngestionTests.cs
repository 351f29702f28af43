using System.Net;
using Linkage.Client.Ingestion;
using Linkage.Feeds;
using Linkage.Ingest;
using Microsoft.Extensions.Time.Testing;
using static Linkage.Tests.Ingestion.IngestionFixture;

namespace Linkage.Tests.Ingestion;

/// <summary>FeedIngestion against a fake API: batching, rejected lines mapped back to the input, retries and when a run counts as sent.</summary>
public sealed class FeedIngestionTests : IDisposable
{
    private readonly IngestionFixture _fixture = new();
    private readonly FakeIngestApi _api = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Events_are_sent_in_batches_of_at_most_BatchLines_in_input_order()
    {
        var file = Path.Combine(_fixture.Directory, "labs.uke");
        var lines = Enumerable.Range(1, 25).Select(i => EventAt(i, Lab($"r{i}"))).ToArray();

        var report = await new FeedIngestion(_api, NoWait(batchLines: 10)).IngestAsync(Lines(file, lines));

        Assert.Equal([10, 10, 5], _api.Bodies.Select(b => b.Split('\n').Length));
        var sent = _api.Bodies.SelectMany(b => FeedReader.Read(b)).Select(r => r.Event!.RecordId);
        Assert.Equal(lines.Select(l => l.Event!.RecordId), sent);
        Assert.Equal(3, report.Batches);
        Assert.Equal(25, report.Sent);
        Assert.Equal(25, report.Accepted);
    }

    [Fact]
    public async Task A_batch_is_sent_once_it_holds_BatchBytes()
    {
        var file = Path.Combine(_fixture.Directory, "labs.csv");
        var one = System.Text.Encoding.UTF8.GetByteCount(FeedEventJson.ToJson(Lab("r10")));

        await new FeedIngestion(_api, NoWait(batchBytes: 3 * one)).IngestAsync(
            Lines(file, [.. Enumerable.Range(10, 7).Select(i => EventAt(i, Lab($"r{i}")))]));

        Assert.Equal([3, 3, 1], _api.Bodies.Select(b => b.Split('\n').Length));
        Assert.All(_api.Bodies, b => Assert.False(b.EndsWith('\n')));
    }

    [Fact]
    public async Task Lines_the_API_rejects_are_named_by_their_line_in_the_input()
    {
        // UKE-like numbering: one event per receipt, named by its RE line, and an importer reject in between.
        var file = Path.Combine(_fixture.Directory, "RECEIPTC.UKE");
        _api.RejectedRecordIds["r16"] = "date: \"2024-02-30\" is not a real date (YYYY-MM-DD)";
        _api.RejectedRecordIds["r40"] = "subject.birth: \"1950-13\" is not YYYY-MM";

        // Batches of three: r16 is line 2 of the first body, r40 line 1 of the second.
        var report = await new FeedIngestion(_api, NoWait(batchLines: 3)).IngestAsync(Lines(file,
            EventAt(2, Lab("r2")), EventAt(16, Lab("r16")), RejectAt(20, "RE: sex '9' is not 1 or 2"), EventAt(31, Lab("r31")),
            EventAt(40, Lab("r40")), EventAt(44, Lab("r44"))));

        Assert.Equal(
            [(16, "date: \"2024-02-30\" is not a real date (YYYY-MM-DD)"), (20, "RE: sex '9' is not 1 or 2"), (40, "subject.birth: \"1950-13\" is not YYYY-MM")],
            report.Rejections.OrderBy(r => r.Line).Select(r => (r.Line, r.Reason)));
        Assert.All(report.Rejections, r => Assert.Equal(file, r.File));
        Assert.Equal(2, _api.Bodies.Count);
        Assert.Equal(3, report.Accepted);
        Assert.Equal(44, report.LinesRead);
    }

    [Fact]
    public async Task Local_and_API_rejects_go_to_the_rejects_file_beside_the_input_by_line_with_RFC_4180_quoting()
    {
        _api.RejectedRecordIds["r4"] = "data.code: \"3D046\" is not a 17-character JLAC10 code, \"JLAC10\"";
        var path = _fixture.NdjsonFile("labs.ndjson",
            FeedEventJson.ToJson(Lab("r1")),
            "{not json",
            string.Empty,
            FeedEventJson.ToJson(Lab("r4")),
            FeedEventJson.ToJson(Lab("r5")).Replace("2024-04-15", "2023-02-29", StringComparison.Ordinal),
            FeedEventJson.ToJson(Lab("r6")));

        var report = await new FeedIngestion(_api, NoWait()).IngestAsync(NdjsonInput(path));

        Assert.Equal([RejectsFile.PathFor(path)], report.RejectsFiles);
        Assert.Equal(path + ".rejects.csv", report.RejectsFiles[0]);
        var rows = File.ReadAllText(report.RejectsFiles[0]).Split("\r\n");
        Assert.Equal("line,reason", rows[0]);
        Assert.StartsWith("2,", rows[1]);
        Assert.Contains("JSON", rows[1]);
        Assert.Equal("4,\"data.code: \"\"3D046\"\" is not a 17-character JLAC10 code, \"\"JLAC10\"\"\"", rows[2]);
        Assert.StartsWith("5,\"date: \"\"2023-02-29\"\" is not a real date", rows[3]);
        Assert.Equal(string.Empty, rows[4]);
        Assert.Equal(5, rows.Length);
        Assert.Equal(2, report.Accepted);
    }

    [Fact]
    public async Task A_run_without_rejects_removes_the_stale_rejects_file()
    {
        var path = _fixture.NdjsonFile("labs.ndjson", FeedEventJson.ToJson(Lab("r1")));
        File.WriteAllText(RejectsFile.PathFor(path), "line,reason\r\n7,old\r\n");

        var report = await new FeedIngestion(_api, NoWait()).IngestAsync(NdjsonInput(path));

        Assert.Empty(report.RejectsFiles);
        Assert.False(File.Exists(RejectsFile.PathFor(path)));
    }

    [Fact]
    public async Task Sending_the_same_file_again_accepts_nothing_and_counts_every_line_a_duplicate()
    {
        var path = _fixture.NdjsonFile("labs.ndjson", [.. Enumerable.Range(1, 5).Select(i => FeedEventJson.ToJson(Lab($"r{i}")))]);
        var ingestion = new FeedIngestion(_api, NoWait(batchLines: 2));
        await ingestion.IngestAsync(NdjsonInput(path));

        var again = await ingestion.IngestAsync(NdjsonInput(path));

        Assert.Equal((0, 5), (again.Accepted, again.Duplicates));
        Assert.False(again.NothingSent);
        Assert.Equal(0, IngestionReport.ExitCode([again]));
    }

    [Fact]
    public async Task Some_rejected_lines_still_count_as_sent()
    {
        var path = _fixture.NdjsonFile("labs.ndjson", FeedEventJson.ToJson(Lab("r1")), "{broken");

        var report = await new FeedIngestion(_api, NoWait()).IngestAsync(NdjsonInput(path));

        Assert.Single(report.Rejections);
        Assert.Equal(0, IngestionReport.ExitCode([report]));
    }

    [Fact]
    public async Task When_every_line_is_rejected_locally_nothing_is_sent_and_the_exit_code_is_1()
    {
        var path = _fixture.NdjsonFile("labs.ndjson", "{broken", "[]");

        var report = await new FeedIngestion(_api, NoWait()).IngestAsync(NdjsonInput(path));

        Assert.Empty(_api.Bodies);
        Assert.True(report.NothingSent);
        Assert.Equal("every line was rejected before sending", report.WhyNothingSent);
        Assert.Equal(1, IngestionReport.ExitCode([report]));
    }

    [Fact]
    public async Task When_the_API_rejects_every_line_nothing_went_in()
    {
        _api.RejectedRecordIds["r1"] = "no";
        var path = _fixture.NdjsonFile("labs.ndjson", FeedEventJson.ToJson(Lab("r1")));

        var report = await new FeedIngestion(_api, NoWait()).IngestAsync(NdjsonInput(path));

        Assert.Equal("the API rejected every line", report.WhyNothingSent);
        Assert.Equal(1, IngestionReport.ExitCode([report]));
    }

    [Fact]
    public async Task An_unreachable_API_stops_the_run_saying_so_and_the_exit_code_is_1()
    {
        _api.Failures.Enqueue(new HttpRequestException("Connection refused (127.0.0.1:8080)"));
        var path = _fixture.NdjsonFile("labs.ndjson", [.. Enumerable.Range(1, 5).Select(i => FeedEventJson.ToJson(Lab($"r{i}")))]);

        var report = await new FeedIngestion(_api, NoWait(batchLines: 2)).IngestAsync(NdjsonInput(path));

        Assert.Single(_api.Bodies);
        Assert.Equal("the API could not be reached: Connection refused (127.0.0.1:8080)", report.Failure);
        Assert.Equal(report.Failure, report.WhyNothingSent);
        Assert.Equal(1, IngestionReport.ExitCode([report]));
    }

    [Fact]
    public async Task A_refused_key_is_named_and_not_retried()
    {
        _api.Failures.Enqueue(FakeIngestApi.Problem(HttpStatusCode.Unauthorized, "A valid API key is required."));
        var path = _fixture.NdjsonFile("labs.ndjson", FeedEventJson.ToJson(Lab("r1")));

        var report = await new FeedIngestion(_api, NoWait()).IngestAsync(NdjsonInput(path));

        Assert.Single(_api.Bodies);
        Assert.StartsWith("the API refused the key", report.Failure);
        Assert.Contains("A valid API key is required.", report.Failure);
        Assert.True(report.NothingSent);
    }

    [Fact]
    public async Task A_batch_answered_503_is_sent_again_and_goes_in()
    {
        _api.Failures.Enqueue(FakeIngestApi.Problem(HttpStatusCode.ServiceUnavailable));
        _api.Failures.Enqueue(FakeIngestApi.Problem(HttpStatusCode.ServiceUnavailable));
        var path = _fixture.NdjsonFile("labs.ndjson", FeedEventJson.ToJson(Lab("r1")), FeedEventJson.ToJson(Lab("r2")));

        var report = await new FeedIngestion(_api, NoWait(retries: 3)).IngestAsync(NdjsonInput(path));

        Assert.Equal(3, _api.Bodies.Count);
        Assert.Single(_api.Bodies.Distinct());
        Assert.Equal((2, 2, 0), (report.Retries, report.Accepted, report.Duplicates));
        Assert.Null(report.Failure);
    }

    [Fact]
    public async Task A_503_with_Retry_After_is_sent_again_after_the_wait_it_asks_for_not_the_own_schedule()
    {
        _api.Failures.Enqueue(new Linkage.Client.Http.LinkageApiException(HttpStatusCode.ServiceUnavailable, "ingest is behind", retryAfter: TimeSpan.FromMilliseconds(300)));
        var path = _fixture.NdjsonFile("labs.ndjson", FeedEventJson.ToJson(Lab("r1")));
        var ownSchedule = new FeedIngestionOptions { RetryDelays = [TimeSpan.FromMinutes(10)] };
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var report = await new FeedIngestion(_api, ownSchedule).IngestAsync(NdjsonInput(path), cancellationToken: patience.Token);

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(300), $"sent again after {clock.Elapsed.TotalMilliseconds:N0} ms, before the 300 ms asked for");
        Assert.Equal((1, 1), (report.Retries, report.Accepted));
    }

    [Fact]
    public async Task Lines_dropped_for_an_opted_out_person_are_counted_and_the_run_still_counts_as_sent()
    {
        var path = _fixture.NdjsonFile("labs.ndjson", FeedEventJson.ToJson(Lab("r1")));
        var report = await new FeedIngestion(new OptedOutApi(), NoWait()).IngestAsync(NdjsonInput(path));

        Assert.Equal((0, 0, 1), (report.Accepted, report.Duplicates, report.OptedOut));
        Assert.False(report.NothingSent);
    }

    /// <summary>An API whose every line is about a person who opted out.</summary>
    private sealed class OptedOutApi : IIngestSender
    {
        public Task<Linkage.Ingest.IngestAnswer> SendAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancellationToken) =>
            Task.FromResult(new Linkage.Ingest.IngestAnswer(0, 0, FeedReader.Read(ndjson).Count(), []));
    }

    [Fact]
    public async Task A_storage_outage_that_outlasts_the_retries_stops_the_run_naming_it()
    {
        for (var i = 0; i < 3; i++) _api.Failures.Enqueue(FakeIngestApi.Problem(HttpStatusCode.ServiceUnavailable, "Linkage could not reach its storage"));
        var path = _fixture.NdjsonFile("labs.ndjson", FeedEventJson.ToJson(Lab("r1")));

        var report = await new FeedIngestion(_api, NoWait(retries: 2)).IngestAsync(NdjsonInput(path));

        Assert.Equal(3, _api.Bodies.Count);
        Assert.Contains("Linkage could not reach its storage", report.Failure);
        Assert.Contains("after 3 attempts", report.Failure);
        Assert.Equal(0, _api.StoredCount);
        Assert.Equal(1, IngestionReport.ExitCode([report]));
    }

    [Fact]
    public async Task A_run_stopped_after_some_batches_went_in_still_counts_as_sent()
    {
        var path = _fixture.NdjsonFile("labs.ndjson", [.. Enumerable.Range(1, 4).Select(i => FeedEventJson.ToJson(Lab($"r{i}")))]);
        var ingestion = new FeedIngestion(_api, NoWait(batchLines: 2, retries: 0));
        var first = new FakeFailingAfter(_api, answered: 1);

        var report = await new FeedIngestion(first, NoWait(batchLines: 2, retries: 0)).IngestAsync(NdjsonInput(path));

        Assert.Equal(2, report.Accepted);
        Assert.NotNull(report.Failure);
        Assert.Equal(0, IngestionReport.ExitCode([report]));
        var rest = await ingestion.IngestAsync(NdjsonInput(path));
        Assert.Equal((2, 2), (rest.Accepted, rest.Duplicates));
    }

    [Fact]
    public void One_input_that_went_in_is_enough_for_exit_code_0()
    {
        var empty = new IngestionReport { Input = "a" };
        var sent = new IngestionReport { Input = "b", Accepted = 1 };

        Assert.Equal(1, IngestionReport.ExitCode([empty]));
        Assert.Equal(0, IngestionReport.ExitCode([empty, sent]));
        Assert.Equal("the input holds no events", empty.WhyNothingSent);
        Assert.Null(sent.WhyNothingSent);
    }

    [Fact]
    public async Task Each_POST_is_timed_from_its_first_attempt_to_the_answer_and_the_report_gives_p50_and_p99()
    {
        var path = _fixture.NdjsonFile("timed.ndjson", [.. Enumerable.Range(1, 10).Select(i => FeedEventJson.ToJson(Lab($"r{i}")))]);
        var clock = new FakeTimeProvider();
        // POST i takes i seconds; the tenth is first answered 503 after 5 s, then takes 10 s more: 15 s in all.
        var api = new TimedApi(_api, clock, failTenthFirstAfter: TimeSpan.FromSeconds(5));

        var report = await new FeedIngestion(api, NoWait(batchLines: 1) with { Time = clock }).IngestAsync(NdjsonInput(path));

        Assert.Equal([.. Enumerable.Range(1, 9).Select(i => TimeSpan.FromSeconds(i)), TimeSpan.FromSeconds(15)], report.BatchTimes);
        // Nearest rank over 10 times: the 5th (5 s) for p50, the 10th (15 s) for p99.
        Assert.Equal(TimeSpan.FromSeconds(5), report.BatchTime(0.5));
        Assert.Equal(TimeSpan.FromSeconds(15), report.BatchTime(0.99));
        Assert.Equal(1, report.Retries);
    }

    [Fact]
    public void A_report_without_POSTs_has_no_POST_time()
    {
        Assert.Null(new IngestionReport { Input = "x", ToStream = true }.BatchTime(0.5));
    }

    /// <summary>The API where the n-th POST takes n seconds of <c>clock</c>; the tenth first fails with 503 after <c>failTenthFirstAfter</c>.</summary>
    private sealed class TimedApi(IIngestSender inner, FakeTimeProvider clock, TimeSpan failTenthFirstAfter) : IIngestSender
    {
        private int _answered;
        private bool _failed;

        public Task<Linkage.Ingest.IngestAnswer> SendAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancellationToken)
        {
            if (_answered == 9 && !_failed)
            {
                _failed = true;
                clock.Advance(failTenthFirstAfter);
                throw FakeIngestApi.Problem(HttpStatusCode.ServiceUnavailable, "storage unavailable");
            }

            clock.Advance(TimeSpan.FromSeconds(++_answered));
            return inner.SendAsync(ndjson, cancellationToken);
        }
    }

    /// <summary>Answers the first <c>answered</c> batches through <c>inner</c>, then is unreachable.</summary>
    private sealed class FakeFailingAfter(IIngestSender inner, int answered) : IIngestSender
    {
        private int _calls;

        public Task<Linkage.Ingest.IngestAnswer> SendAsync(ReadOnlyMemory<byte> ndjson, CancellationToken cancellationToken) =>
            ++_calls <= answered ? inner.SendAsync(ndjson, cancellationToken) : throw new HttpRequestException("Connection reset");
    }
}
