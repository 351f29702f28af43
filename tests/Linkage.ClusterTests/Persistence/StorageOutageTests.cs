using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Population;
using Xunit.Abstractions;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Persistence;

/// <summary>A cluster whose Azurite keeps its files on disk, so that it can be stopped and started again.</summary>
public sealed class StorageOutageFixture : LinkageClusterFixture
{
    protected override string? StorageLocation { get; } = Directory.CreateTempSubdirectory("linkage-outage-").FullName;
}

/// <summary>
/// While storage is down every endpoint answers 503 problem+json with <c>Retry-After</c> within 2 s and keeps nothing
/// half-written; once it is back, ingest and queries resume by themselves and what was sent again is the rules' partition.
/// </summary>
public sealed class StorageOutageTests(StorageOutageFixture fixture, ITestOutputHelper output) : IClassFixture<StorageOutageFixture>
{
    /// <summary>api-v1's bound on the time to the 503 of an outage (the SDK's own retries take some 20 s).</summary>
    private static readonly TimeSpan AnswerBound = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_write_lost_to_an_outage_is_answered_503_and_taken_when_sent_again()
    {
        var source = NewSource();
        var mid = NewMid();
        var front = LinkageHttpFront.Of(fixture.Cluster);
        Assert.Equal((HttpStatusCode.OK, 1, 0), await Ingest(front, Lab(source, "r1", 1, mid, value: 1)));

        await fixture.Storage.StopAsync();
        using (var client = front.Client(LinkageHttpFront.OperatorKey))
        using (var outage = await client.PostAsync("/api/v1/ingest", Ndjson(Lab(source, "r1", 2, mid, value: 2))))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, outage.StatusCode);
            Assert.Equal("application/problem+json", outage.Content.Headers.ContentType?.MediaType);
        }

        await fixture.Storage.RestartAsync();

        // The correction was never stored, so it is accepted now, not taken for a duplicate.
        Assert.Equal((HttpStatusCode.OK, 1, 0), await Ingest(front, Lab(source, "r1", 2, mid, value: 2)));
        var person = await front.PersonAsync(mid);
        Assert.Equal(2, Assert.Single(person.Records).Version);
    }

    [Fact]
    public async Task Every_endpoint_answers_503_within_2_s_while_storage_is_down_and_everything_resumes_after()
    {
        var run = "o" + Guid.NewGuid().ToString("N")[..8];
        var population = PopulationGenerator.Generate(new PopulationOptions { People = 60, Seed = 5, Secret = run, ActivityScale = 0.5 });
        var lines = population.Lines.Select(l => l.Text.Replace("\"source\":\"", $"\"source\":\"{run}-", StringComparison.Ordinal)).ToList();
        var events = lines.Select((l, i) => FeedLineParser.Parse(l, i + 1).Event).OfType<FeedEvent>().ToList();
        var sources = events.Select(e => e.Source).ToHashSet();
        var batches = lines.Chunk(Math.Max(1, lines.Count / 6)).ToList();
        var front = LinkageHttpFront.Of(fixture.Cluster);
        var aMid = events.First(e => e.Subject.Mid is not null).Subject.Mid!;

        // Before: two batches acknowledged, every endpoint answering.
        foreach (var batch in batches.Take(2)) Assert.Equal(HttpStatusCode.OK, (await Post(front, batch)).Status);
        var acknowledged = events.Take(batches.Take(2).Sum(b => b.Length)).Count();
        var personId = (await front.PersonAsync(aMid)).Id;
        foreach (var (name, call) in Calls(front, aMid, personId, sources.First())) Assert.Equal(HttpStatusCode.OK, (await call()).Status);

        // Mid-ingest: the next batch is in flight while storage stops.
        var inFlight = Post(front, batches[2]);
        await fixture.Storage.StopAsync();
        var interrupted = await inFlight;
        output.WriteLine($"batch in flight when storage stopped: {(int)interrupted.Status} after {interrupted.Elapsed.TotalMilliseconds:0} ms");
        Assert.True(interrupted.Status is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"the batch in flight answered {(int)interrupted.Status}: {interrupted.Body}");

        var slow = new List<string>();
        var calls = Calls(front, aMid, personId, sources.First())
            .Prepend(("ingest", () => Post(front, batches[3])))
            .Append(("feeds of a source not read before", () => Send(front, LinkageHttpFront.OperatorKey, HttpMethod.Get, $"/api/v1/feeds/{NewSource()}")))
            // An opt-out refused while storage is down must leave the person whole: the end state below is the rules'.
            .Append(("optout", () => Send(front, LinkageHttpFront.AdminKey, HttpMethod.Post, "/api/v1/optout", new StringContent($$"""{"token":"{{aMid}}"}""", Encoding.UTF8, "application/json"))));
        foreach (var (name, call) in calls)
        {
            var answer = await call();
            output.WriteLine($"{name} with storage down: {(int)answer.Status} in {answer.Elapsed.TotalMilliseconds:0} ms");

            // A source's ledger already in memory is read without storage, and is current: it may answer.
            if (name == "feeds" && answer.Status == HttpStatusCode.OK) continue;
            Assert.True(answer.Status == HttpStatusCode.ServiceUnavailable, $"{name}: expected 503 with storage down, answered {(int)answer.Status}: {answer.Body}");
            Assert.Equal("application/problem+json", answer.MediaType);
            Assert.True(answer.RetryAfter is { } wait && wait > TimeSpan.Zero, $"{name}: 503 without Retry-After");
            if (answer.Elapsed > AnswerBound) slow.Add($"{name} {answer.Elapsed.TotalSeconds:0.0} s");
        }

        Assert.True(slow.Count == 0, $"expected every 503 within {AnswerBound.TotalSeconds} s, slower: {string.Join(", ", slow)}");

        // After: nothing to restart by hand; the batches not acknowledged are sent again until taken.
        await fixture.Storage.RestartAsync();
        var resumed = Stopwatch.StartNew();
        for (var b = interrupted.Status == HttpStatusCode.OK ? 3 : 2; b < batches.Count; b++)
        {
            var sent = await Post(front, batches[b]);
            while (sent.Status == HttpStatusCode.ServiceUnavailable && resumed.Elapsed < TimeSpan.FromSeconds(60))
            {
                // What is under test is the client's contract: wait the Retry-After the 503 asks for, then send again.
                await Task.Delay(sent.RetryAfter ?? TimeSpan.FromSeconds(1));
                sent = await Post(front, batches[b]);
            }

            Assert.True(sent.Status == HttpStatusCode.OK, $"batch {b} after storage returned: {(int)sent.Status} {sent.Body}");
        }

        output.WriteLine($"ingest resumed {resumed.Elapsed.TotalMilliseconds:0} ms after storage returned; {acknowledged} records acknowledged before the outage, {events.Count} sent in all");
        foreach (var (name, call) in Calls(front, aMid, personId, sources.First()))
        {
            var answer = await call();
            Assert.True(answer.Status == HttpStatusCode.OK, $"{name} after storage returned: {(int)answer.Status} {answer.Body}");
        }

        var present = await ClusterLinks.ReadAsync(front, sources);
        ClusterLinks.AssertSame(ClusterLinks.Expected(events), present);
        output.WriteLine($"records present after the outage: {present.Count} of {ClusterLinks.CurrentRecords(events).Count} current records sent");
    }

    /// <summary>The reads of api-v1, each as the role it needs.</summary>
    private static IEnumerable<(string Name, Func<Task<Answer>> Call)> Calls(LinkageHttpFront front, string mid, string personId, string source) =>
    [
        ("people/by-token", () => Send(front, LinkageHttpFront.AdminKey, HttpMethod.Get, $"/api/v1/people/by-token/{mid}")),
        ("people/{id}", () => Send(front, LinkageHttpFront.AdminKey, HttpMethod.Get, $"/api/v1/people/{personId}")),
        ("links", () => Send(front, LinkageHttpFront.AdminKey, HttpMethod.Get, "/api/v1/links")),
        ("feeds", () => Send(front, LinkageHttpFront.OperatorKey, HttpMethod.Get, $"/api/v1/feeds/{source}")),
        ("cohorts/count", () => Send(front, LinkageHttpFront.ResearcherKey, HttpMethod.Post, "/api/v1/cohorts/count", new StringContent("""{"entry":{"kind":"receipt"},"minCell":10}""", Encoding.UTF8, "application/json"))),
        ("audit", () => Send(front, LinkageHttpFront.AdminKey, HttpMethod.Get, "/api/v1/audit")),
    ];

    private static Task<Answer> Post(LinkageHttpFront front, IEnumerable<string> lines) =>
        Send(front, LinkageHttpFront.OperatorKey, HttpMethod.Post, "/api/v1/ingest", new StringContent(string.Join('\n', lines), Encoding.UTF8, "application/x-ndjson"));

    private static async Task<Answer> Send(LinkageHttpFront front, string key, HttpMethod method, string path, HttpContent? content = null)
    {
        using var client = front.Client(key);
        client.Timeout = TimeSpan.FromSeconds(90);
        var clock = Stopwatch.StartNew();
        using var response = await client.SendAsync(new HttpRequestMessage(method, path) { Content = content });
        var body = await response.Content.ReadAsStringAsync();
        return new Answer(response.StatusCode, clock.Elapsed, response.Content.Headers.ContentType?.MediaType, response.Headers.RetryAfter?.Delta, body.Length > 300 ? body[..300] : body);
    }

    private static async Task<(HttpStatusCode Status, int Accepted, int Duplicates)> Ingest(LinkageHttpFront front, FeedEvent e)
    {
        using var client = front.Client(LinkageHttpFront.OperatorKey);
        using var response = await client.PostAsync("/api/v1/ingest", Ndjson(e));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ingest answered {(int)response.StatusCode}: {body}");
        var answer = JsonDocument.Parse(body).RootElement;
        return (response.StatusCode, answer.GetProperty("accepted").GetInt32(), answer.GetProperty("duplicates").GetInt32());
    }

    private static StringContent Ndjson(FeedEvent e) => new(FeedEventJson.ToJson(e), Encoding.UTF8, "application/x-ndjson");

    private sealed record Answer(HttpStatusCode Status, TimeSpan Elapsed, string? MediaType, TimeSpan? RetryAfter, string Body);
}
