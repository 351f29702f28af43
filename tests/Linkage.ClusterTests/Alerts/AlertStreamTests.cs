using System.Net;
using System.Text.Json;
using Linkage.Alerts;
using Linkage.ClusterTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Linkage.ClusterTests.Alerts.SampleAlerts;

namespace Linkage.ClusterTests.Alerts;

/// <summary>
/// api-v1's alerts over HTTP: the NDJSON list from <c>?since=</c>, and the Server-Sent Events stream pushing each
/// alert as it is appended, resumed by <c>Last-Event-ID</c> with nothing lost and nothing twice; authority only, audited.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AlertStreamTests(LinkageApiFixture api)
{
    private const string AuthorityKey = "dev-authority-key";

    private IAlertLogGrain Log => AlertLog.Of(api.Services.GetRequiredService<IGrainFactory>());

    [Fact]
    public async Task The_stream_pushes_appended_alerts_and_Last_Event_ID_resumes_without_loss_or_repeat()
    {
        var ids = NewIds();
        var start = (await Log.Read(0, 0)).Length;
        var client = api.Client(AuthorityKey);

        List<ServerSentEvents.Event> first;
        await using (var stream = await ServerSentEvents.OpenAsync(client, "/api/v1/alerts/stream", start.ToString()))
        {
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);
            await Log.Append([Surveillance(ids + "/a"), SampleAlerts.Safety(ids + "/b")]);
            first = [await stream.NextAsync(), await stream.NextAsync()];
        }

        // The wire format: the id on its own line, the data one JSON object (an id or event type never leaks into data).
        Assert.Equal([$"id: {start + 1}", $"id: {start + 2}"], first.Select(e => e.Lines.Single(l => l.StartsWith("id:", StringComparison.Ordinal))));
        Assert.All(first, e => Assert.Single(e.Lines, l => l.StartsWith("data:", StringComparison.Ordinal)));
        var raised = JsonDocument.Parse(first[0].Data).RootElement;
        Assert.Equal(
            $$"""{"id":"{{ids}}/a","version":1,"at":"{{raised.GetProperty("at").GetString()}}","source":"surveillance","indicator":"flu","pref":"13","day":"2024-01-15","detector":"c1","count":42,"statistic":3.81,"withdrawn":false}""",
            first[0].Data);
        Assert.Equal(
            $$"""{"id":"{{ids}}/b","version":1,"at":"{{JsonDocument.Parse(first[1].Data).RootElement.GetProperty("at").GetString()}}","source":"safety","monitor":"statin-myopathy","n":20,"c":15,"llr":2.616241,"withdrawn":false}""",
            first[1].Data);

        // While no one listens: a withdrawal, its repeat, and a new alert.
        await Log.Append([Surveillance(ids + "/a", 2, withdrawn: true), Surveillance(ids + "/a", 2, withdrawn: true), Surveillance(ids + "/c")]);

        await using var resumed = await ServerSentEvents.OpenAsync(client, "/api/v1/alerts/stream", first[^1].Id);
        var missed = new[] { await resumed.NextAsync(), await resumed.NextAsync() };
        await Log.Append([Surveillance(ids + "/d")]);
        var pushed = await resumed.NextAsync();

        Assert.Equal([(start + 3).ToString(), (start + 4).ToString(), (start + 5).ToString()], missed.Append(pushed).Select(e => e.Id));
        Assert.Equal([(ids + "/a", 2, true), (ids + "/c", 1, false), (ids + "/d", 1, false)], missed.Append(pushed).Select(e => JsonDocument.Parse(e.Data).RootElement).Select(e =>
            (e.GetProperty("id").GetString(), e.GetProperty("version").GetInt32(), e.GetProperty("withdrawn").GetBoolean())));
    }

    [Fact]
    public async Task The_list_is_NDJSON_oldest_first_from_since_and_each_read_is_audited()
    {
        var ids = NewIds();
        await Log.Append([Surveillance(ids + "/old")]);
        var old = (await Log.Read(0, int.MaxValue)).Alerts.Single(a => a.Alert.Id == ids + "/old");
        await Log.Append([Surveillance(ids + "/x", count: 7), Surveillance(ids + "/x", 2, withdrawn: true, count: 3)]);
        var since = old.Alert.At.AddTicks(1);

        using var response = await api.Client(AuthorityKey).GetAsync($"/api/v1/alerts?since={Uri.EscapeDataString(since.ToString("O"))}");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        var lines = body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var mine = lines.Where(l => l.GetProperty("id").GetString()!.StartsWith(ids, StringComparison.Ordinal)).ToList();
        Assert.Equal([(ids + "/x", 1, 7L), (ids + "/x", 2, 3L)], mine.Select(l => (l.GetProperty("id").GetString(), l.GetProperty("version").GetInt32(), l.GetProperty("count").GetInt64())));
        Assert.All(lines, l => Assert.True(DateTimeOffset.Parse(l.GetProperty("at").GetString()!) >= since.AddMilliseconds(-1)));

        using var audit = await api.Client("dev-admin-key").GetAsync($"/api/v1/audit?since={Uri.EscapeDataString(since.ToString("O"))}");
        var entries = (await audit.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement);
        Assert.Contains(entries, e => e.GetProperty("action").GetString() == "alerts" && e.GetProperty("key").GetString() == "dev-authority"
            && e.GetProperty("count").GetInt64() == lines.Count);
    }

    [Theory]
    [InlineData("/api/v1/alerts")]
    [InlineData("/api/v1/alerts/stream")]
    public async Task Only_the_authority_reads_alerts(string path)
    {
        foreach (var key in new[] { "dev-operator-key", "dev-researcher-key", "dev-admin-key" })
        {
            using var refused = await api.Client(key).GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        using var anonymous = await api.Client(null).GetAsync(path);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task A_malformed_Last_Event_ID_is_400_naming_it()
    {
        await using var stream = await ServerSentEvents.OpenAsync(api.Client(AuthorityKey), "/api/v1/alerts/stream", "seven");

        Assert.Equal(HttpStatusCode.BadRequest, stream.Response.StatusCode);
        Assert.Contains("Last-Event-ID", await stream.Response.Content.ReadAsStringAsync());
    }
}
