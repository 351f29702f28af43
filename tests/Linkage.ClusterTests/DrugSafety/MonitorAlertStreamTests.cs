using System.Text;
using System.Text.Json;
using Linkage.Alerts;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using Linkage.Safety;

namespace Linkage.ClusterTests.DrugSafety;

/// <summary>
/// safety-v1's "a signal is an alert on the alert stream": a monitor's signal arrives on <c>/api/v1/alerts/stream</c>
/// after the ingest that crosses its boundary, whether that ingest came over HTTP or the feed stream. The tests wait on
/// the stream itself (its next event); how soon it comes is measured in bench/ (alert-latency).
/// </summary>
[Collection(OneSiloCollection.Name)]
public sealed class MonitorAlertStreamTests(LinkageClusterFixture fixture)
{
    [Fact]
    public async Task A_monitors_signal_arrives_on_the_alert_stream_after_the_HTTP_ingest_that_crosses_its_boundary()
    {
        var (feed, stream) = await WatchingAtFiveAsync();
        await using (stream)
        {
            await LinkageHttpFront.Of(fixture.Cluster).IngestAsync(feed.RiskEvents(1));

            AssertSignalledAtSix(feed, await NextAlertOfAsync(stream, feed.Name));
        }
    }

    [Fact]
    public async Task A_monitors_signal_arrives_on_the_alert_stream_after_the_feed_stream_ingest_that_crosses_its_boundary()
    {
        var (feed, stream) = await WatchingAtFiveAsync();
        await using (stream)
        {
            var crossing = feed.RiskEvents(1);
            var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { StreamsPerSource = 1 });
            await publisher.PublishAsync(crossing[0].Source, "crossing.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', crossing.Select(FeedEventJson.ToJson)))));

            AssertSignalledAtSix(feed, await NextAlertOfAsync(stream, feed.Name));
        }
    }

    /// <summary>
    /// A monitor that has evaluated five people, all in the risk window (LLR(5, 5) = 5 ln 2 = 3.4657, below the critical
    /// value 3.475762), and the alert stream opened after the log's last alert: the sixth person makes it signal.
    /// </summary>
    private async Task<(MonitorFeed Feed, ServerSentEvents Stream)> WatchingAtFiveAsync()
    {
        var feed = new MonitorFeed();
        await feed.StartAsync(fixture.Cluster);
        var front = LinkageHttpFront.Of(fixture.Cluster);
        await front.IngestAsync(feed.RiskEvents(5));
        var watching = await feed.WaitAsync(fixture.Grains, v => v.N == 5);
        Assert.Equal((5, MonitorState.Watching), (watching.C, watching.State));

        var position = (await AlertLog.Of(fixture.Grains).Read(0, 0)).Length;
        var stream = await ServerSentEvents.OpenAsync(front.Client(LinkageHttpFront.AuthorityKey), "/api/v1/alerts/stream", position.ToString());
        return (feed, stream);
    }

    /// <summary>The next event on the stream that is an alert of <paramref name="monitor"/>, waiting for each event.</summary>
    private static async Task<JsonElement> NextAlertOfAsync(ServerSentEvents stream, string monitor)
    {
        while (true)
        {
            var alert = JsonDocument.Parse((await stream.NextAsync()).Data).RootElement;
            if (alert.TryGetProperty("monitor", out var name) && name.GetString() == monitor) return alert;
        }
    }

    /// <summary>The first alert of the monitor is its signal at six people, all six in the risk window: LLR(6, 6) = 6 ln 2 = 4.1589.</summary>
    private static void AssertSignalledAtSix(MonitorFeed feed, JsonElement alert) =>
        Assert.Equal(
            ("safety", feed.Name, 1, 6L, 6L, 4.1589, false),
            (alert.GetProperty("source").GetString(), alert.GetProperty("monitor").GetString(), alert.GetProperty("version").GetInt32(),
                alert.GetProperty("n").GetInt64(), alert.GetProperty("c").GetInt64(), alert.GetProperty("llr").GetDouble(), alert.GetProperty("withdrawn").GetBoolean()));
}
