using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Linkage.ClusterTests.Engine;

/// <summary>
/// The real host process, on a real Azurite on disk, kills itself with SIGKILL at a deterministic point of the engine
/// (<c>Linkage:Testing:CrashAt</c>: between a log append and its acknowledgement, after k components of a checkpoint
/// flushed, after k log segments deleted, in the middle of a merge) while four senders have bodies in flight over HTTP
/// and the Azure Queue feed stream is being consumed. It is started again on the same data with the stream left unread,
/// and before anything is sent again every acknowledged record (HTTP 200s, and the batches the feed ledger lists as
/// taken) is there at its acknowledged version or a later one sent, acknowledged retractions are honoured, and the
/// people are the rules' on every read path. Then everything is sent again and the people are the rules' for all of it.
/// </summary>
[Collection(HostCrashCollection.Name)]
public sealed class HostCrashTests(HostCrashFixture fixture)
{
    public const string OperatorKey = "dev-operator-key";
    public const string AdminKey = "dev-admin-key";
    public const string ResearcherKey = "dev-researcher-key";
    private const int StreamBatchLines = 25;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(120);

    public static TheoryData<string> CrashPoints => new()
    {
        "after-log-append:25",
        "after-components-flushed:60",
        "after-segments-deleted:2",
        // Merges happen only where records bridge two people (about 1 in 50 people of the generated feed): the 4th comes within seconds.
        "mid-merge:4",
    };

    [Theory]
    [MemberData(nameof(CrashPoints))]
    public async Task A_host_killed_at_a_crash_point_with_requests_in_flight_keeps_every_acknowledged_record_before_anything_is_sent_again(string crashAt)
    {
        var prefix = LinkageClusterFixture.NewPrefix();
        var settings = fixture.HostSettings(prefix);
        settings["Linkage:Testing:CrashAt"] = crashAt;
        await using var host = new HostProcess(settings, LocalMachine.FreePort());
        await host.StartAsync();

        var run = "c" + Guid.NewGuid().ToString("N")[..8];
        var record = new SentRecords();

        // One body acknowledged before the senders start: a crash point the cold host reaches while its first bodies
        // are still being linked (a merge inside them) would otherwise leave nothing acknowledged to check.
        var firstBody = SentRecords.EventsOf(CrashFeed.Population(run + "w", seed: 3, people: 5));
        record.Sending(firstBody);
        using (var http = AcknowledgedRecordsCheck.Client(host.BaseAddress, OperatorKey))
        using (var response = await http.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', firstBody.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson")))
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{crashAt}: the first body, sent alone, was answered {(int)response.StatusCode}");
            record.Acknowledge(firstBody);
        }

        // Senders go on until the host dies, so bodies are in flight whenever the point is reached.
        var reached = host.WaitForLineAsync(new Regex(Regex.Escape(CrashHook.Marker(crashAt))), Deadline);
        var senders = IngestLanes.RunAsync([host.BaseAddress], lanesPerHost: 4, OperatorKey, new CrashFeed(run, linesPerBody: 30), record, CancellationToken.None);

        // The stream is published once a sender's body is acknowledged: were it consumed before the senders began, a
        // point its own merges reach (mid-merge) would find no body in flight.
        var streamLines = CrashFeed.Population(run + "s", seed: 5, people: 40);
        var streamFeed = $"{run}-stream";
        var publishing = Task.CompletedTask;
        using var stopPublishing = new CancellationTokenSource();
        if (await Task.WhenAny(record.AcknowledgedBeyond(firstBody.Count), reached) != reached)
        {
            record.Sending(SentRecords.EventsOf(streamLines));
            publishing = PublishAsync(prefix, streamFeed, streamLines, stopPublishing.Token);
        }

        await reached;
        var exit = await host.WaitForExitAsync(TimeSpan.FromSeconds(30));
        await senders;

        // A client whose only gateway died retries it without end: what it had not published by the kill is not
        // taken, and the ledger says which batches were, so it is stopped here rather than waited for.
        await stopPublishing.CancelAsync();
        try
        {
            await publishing.WaitAsync(Deadline);
        }
        catch (Exception)
        {
            // The host died while the stream was being published: its ledger says which batches were taken.
        }
        Assert.True(exit == 137, $"{crashAt}: expected the host to die by SIGKILL (exit code 137), it exited with {exit}");
        Assert.True(record.AnswersLost > 0, $"{crashAt}: no body was in flight when the host died (senders: {record.LaneEnds}; {record.Acknowledged.Count} acknowledged, {record.Refused} refused)");

        // Again on the same data, disarmed, and with the stream's queues left unread: nothing may repair a loss yet.
        host.Settings.Remove("Linkage:Testing:CrashAt");
        host.Settings["Linkage:Streams:Transport"] = "Memory";
        await host.StartAsync();
        var taken = await TakenStreamLinesAsync(host, streamFeed, streamLines);
        record.Acknowledge(SentRecords.EventsOf(taken));
        await AcknowledgedRecordsCheck.AssertAsync(host.BaseAddress, AdminKey, ResearcherKey, record, $"{crashAt}, before anything was sent again: ");

        // Everything sent again, in the order it was sent: the rules' people of all of it.
        using (var http = AcknowledgedRecordsCheck.Client(host.BaseAddress, OperatorKey))
        {
            var all = record.Sent;
            foreach (var batch in all.Chunk(500))
            {
                using var response = await http.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', batch.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson"));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            record.Acknowledge(all);
        }

        await AcknowledgedRecordsCheck.AssertAsync(host.BaseAddress, AdminKey, ResearcherKey, record, $"{crashAt}, after everything was sent again: ");
    }

    /// <summary>The lines of every stream batch the feed's ledger lists as taken (batches of <see cref="StreamBatchLines"/> consecutive lines).</summary>
    private static async Task<List<string>> TakenStreamLinesAsync(HostProcess host, string feed, List<string> lines)
    {
        using var operatorClient = AcknowledgedRecordsCheck.Client(host.BaseAddress, OperatorKey);
        var ledger = await operatorClient.GetFromJsonAsync<JsonElement>($"/api/v1/feeds/{feed}");
        var taken = new List<string>();
        foreach (var id in ledger.GetProperty("recentBatches").EnumerateArray().Select(b => b.GetString()!))
        {
            var first = int.Parse(id.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.True((first - 1) % StreamBatchLines == 0, $"ledger of {feed}: batch {id} does not start a batch of {StreamBatchLines} lines");
            taken.AddRange(lines.Skip(first - 1).Take(StreamBatchLines));
        }

        return taken;
    }

    /// <summary>Publishes lines to the Azure Queue feed stream as an Orleans client of the host's cluster (as <c>linkage stream</c> does).</summary>
    private async Task PublishAsync(string prefix, string feed, List<string> lines, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.AddLinkageCluster(new LinkageClusterConnection
        {
            StorageConnectionString = fixture.Storage.ConnectionString,
            StoragePrefix = prefix,
            ClusterId = prefix,
            ServiceId = prefix,
        }));
        using var clientHost = builder.Build();
        await clientHost.StartAsync(cancellationToken);
        var publisher = new FeedPublisher(clientHost.Services.GetRequiredService<IClusterClient>(), new FeedPublisherOptions { BatchLines = StreamBatchLines, StreamsPerSource = 4 });
        await publisher.PublishAsync(feed, "stream.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', lines))), cancellationToken: cancellationToken);
        await clientHost.StopAsync();
    }
}
