using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Linkage.Alerts;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Safety;
using Xunit.Abstractions;

namespace Linkage.ClusterTests.DrugSafety;

/// <summary>Safety monitors over HTTP: started by the authority, evaluated as acknowledged ingests change the index, signalling on the alert log.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class MonitorApiTests(LinkageClusterFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_monitor_signals_on_the_alert_log_after_the_ingest_that_crosses_its_boundary()
    {
        var feed = new MonitorFeed();
        await feed.StartAsync(fixture.Cluster);
        var front = LinkageHttpFront.Of(fixture.Cluster);

        // Three risk events: under minEvents 4, watching.
        await front.IngestAsync(feed.RiskEvents(3));
        var watching = await feed.WaitAsync(fixture.Grains, v => v.N == 3);
        Assert.Equal((3, MonitorState.Watching), (watching.C, watching.State));
        Assert.Empty(await feed.AlertsAsync(fixture.Grains));

        // Five more: 8 of 8 in the risk window. LLR(5, 5) = 5 ln 2 = 3.466 is still below 3.475762, LLR(6, 6) = 4.159 is over:
        // the signal comes at 6, 7 or 8 events, whichever evaluation first sees 6 or more (the records arrive in batches).
        var acknowledged = Stopwatch.StartNew();
        await front.IngestAsync(feed.RiskEvents(5));
        acknowledged.Restart();
        var signalled = await feed.WaitAsync(fixture.Grains, v => v.N == 8);
        output.WriteLine($"evaluated {acknowledged.ElapsedMilliseconds} ms after the acknowledgement");

        Assert.Equal(MonitorState.Signalled, signalled.State);
        var signal = Assert.Single(signalled.Signals);
        Assert.True(signal.N is >= 6 and <= 8 && signal.C == signal.N, $"signalled at n {signal.N}, c {signal.C}");
        var alert = Assert.Single(await feed.AlertsAsync(fixture.Grains)).Alert;
        Assert.Equal((AlertSource.Safety, 1, (long)signal.N, (long)signal.N, Math.Round(signal.N * Math.Log(2), 4)), (alert.Source, alert.Version, alert.N, alert.C, alert.Llr));

        using var authority = front.Client(LinkageHttpFront.AuthorityKey);
        var shown = JsonNode.Parse(await authority.GetStringAsync($"/api/v1/safety/monitors/{feed.Name}"))!;
        Assert.Equal(("signalled", 8, 8, 3.475762, 0.038805, 0.5), ((string?)shown["state"], (int)shown["n"]!, (int)shown["c"]!, (double)shown["cv"]!, (double)shown["alphaSpent"]!, (double)shown["p0"]!));
        Assert.Single(shown["signals"]!.AsArray());
        var listed = JsonNode.Parse(await authority.GetStringAsync("/api/v1/safety/monitors"))!["monitors"]!.AsArray();
        Assert.Contains(listed, m => (string?)m!["name"] == feed.Name);

        using var ended = await authority.DeleteAsync($"/api/v1/safety/monitors/{feed.Name}");
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        using var gone = await authority.GetAsync($"/api/v1/safety/monitors/{feed.Name}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_bad_monitor_is_refused_naming_the_field_and_a_researcher_may_not_start_one()
    {
        var front = LinkageHttpFront.Of(fixture.Cluster);
        using var authority = front.Client(LinkageHttpFront.AuthorityKey);
        using var bad = await authority.PostAsync("/api/v1/safety/monitors",
            new StringContent("""{"name":"x","exposure":{"kind":"medication"},"outcome":{"kind":"death"},"risk":{"from":1,"to":28},"control":{"from":10,"to":70}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("control: days 10 to 70 overlap the risk window", await bad.Content.ReadAsStringAsync());

        using var researcher = front.Client(LinkageHttpFront.ResearcherKey);
        using var refused = await researcher.PostAsync("/api/v1/safety/monitors", new StringContent(new MonitorFeed().Definition, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }
}
