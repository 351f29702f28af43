using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Api;

/// <summary>What operations read over HTTP: <c>/metrics</c> in the Prometheus text format, the operations page and the health reports.</summary>
[Collection(ApiCollection.Name)]
public sealed partial class OperationsEndpointsTests(LinkageApiFixture api)
{
    [Fact]
    public async Task Ingest_counters_move_by_exactly_the_events_ingested()
    {
        var source = NewSource();
        var mid = NewMid();
        var lines = Enumerable.Range(1, 7).Select(i => FeedEventJson.ToJson(Lab(source, $"r{i}", 1, mid))).ToList();

        await Ingest(string.Join('\n', lines));
        await Ingest(string.Join('\n', lines[0], FeedEventJson.ToJson(Lab(source, "bad", 1, mid)).Replace("2024-04-15", "2023-02-29")));

        var metrics = await Scrape();
        Assert.Equal(7, Sum(metrics, "linkage_events_ingested_total", ("source", source), ("kind", "lab")));
        Assert.Equal(1, Sum(metrics, "linkage_events_duplicates_total", ("source", source), ("kind", "lab")));
        Assert.Equal(1, Sum(metrics, "linkage_events_rejected_total", ("source", source), ("field", "date")));
    }

    [Fact]
    public async Task A_merge_is_counted_under_the_source_that_caused_it()
    {
        var source = NewSource();
        var (mid, name) = (NewMid(), NewId2());
        await Ingest(FeedEventJson.ToJson(Lab(source, "m", 1, mid)) + "\n" + FeedEventJson.ToJson(Lab(source, "n", 1, id2: name)));
        Assert.Equal(0, Sum(await Scrape(), "linkage_people_merges_total", ("source", source)));

        await Ingest(FeedEventJson.ToJson(Lab(source, "bridge", 1, mid, name)));

        var scraped = await Scrape();
        Assert.True(Sum(scraped, "linkage_people_merges_total", ("source", source)) == 1, string.Join("\n", scraped.Split((char)10).Where(l => l.Contains("merges") || l.Contains(source))));
    }

    [Fact]
    public async Task Operations_page_and_its_script_are_served()
    {
        using var client = api.Client(apiKey: null);

        using var redirect = await client.GetAsync("/operations");
        var page = await client.GetStringAsync("/operations/");
        var script = await client.GetStringAsync("/operations/operations.js");

        Assert.Equal("/operations/", redirect.Headers.Location?.AbsolutePath);
        Assert.Contains("<title>Linkage operations</title>", page);
        Assert.Contains("href=\"/dashboard\"", page);
        Assert.Contains("fetch(\"/metrics\"", script);
        Assert.Contains("linkage_events_ingested_total", script);
    }

    [Fact]
    public async Task Ready_report_names_each_check()
    {
        using var response = await api.Client(apiKey: null).GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", report.GetProperty("status").GetString());
        Assert.Equal(["engine", "silo", "storage"], report.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order());
    }

    [Fact]
    public async Task Metrics_answer_loopback_and_the_operations_networks_and_refuse_any_other_address()
    {
        var loopback = await api.Server.SendFromAsync(IPAddress.Loopback, "GET", "/metrics");
        var loopback6 = await api.Server.SendFromAsync(IPAddress.IPv6Loopback, "GET", "/metrics");
        var inNetwork = IPAddress.Parse("198.51.100.20");
        Assert.True(IPNetwork.Parse(LinkageApiFixture.OperationsNetwork).Contains(inNetwork), "the address should be in the fixture's operations network");
        var operations = await api.Server.SendFromAsync(inNetwork, "GET", "/metrics");
        var outside = await api.Server.SendFromAsync(IPAddress.Parse("203.0.113.7"), "GET", "/metrics");
        var outsideMapped = await api.Server.SendFromAsync(IPAddress.Parse("203.0.113.7").MapToIPv6(), "GET", "/metrics");

        Assert.Equal((200, 200, 200), (loopback.Status, loopback6.Status, operations.Status));
        Assert.Contains("linkage_", loopback.Body);
        Assert.Equal((403, 403), (outside.Status, outsideMapped.Status));
        Assert.DoesNotContain("linkage_", outside.Body);
        Assert.Contains("Linkage:Operations:Networks", outside.Body);

        // Only /metrics is held to the networks: the health probes answer anyone.
        Assert.Equal(200, (await api.Server.SendFromAsync(IPAddress.Parse("203.0.113.7"), "GET", "/health/live")).Status);
    }

    private async Task Ingest(string ndjson)
    {
        using var content = new StringContent(ndjson, Encoding.UTF8, "application/x-ndjson");
        using var response = await api.Client("dev-operator-key").PostAsync("/api/v1/ingest", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<string> Scrape()
    {
        using var response = await api.Client(apiKey: null).GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sum of a series' samples whose labels include every given pair (0 when there are none).</summary>
    private static double Sum(string metrics, string name, params (string Label, string Value)[] labels) =>
        metrics.Split('\n').Select(l => Sample().Match(l)).Where(m => m.Success && m.Groups["name"].Value == name)
            .Where(m => labels.All(l => m.Groups["labels"].Value.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal)))
            .Sum(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture));

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})?\s+(?<value>\S+)")]
    private static partial Regex Sample();
}
