using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.Alerts;
using Linkage.Client.Streaming;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Surveillance;

/// <summary>
/// surveillance-v1 over HTTP on a live cluster: indicators cover what was acknowledged, series and EARS statistics
/// against hand-computed values, corrections and opt-outs moving or removing episodes, and an outbreak's alerts raised
/// and withdrawn on the alert stream after the ingest that causes them is acknowledged.
/// </summary>
public abstract class SurveillanceScenarios(LinkageClusterFixture fixture)
{
    private static readonly DateOnly Start = new(2023, 3, 1);

    private LinkageHttpFront Front => LinkageHttpFront.Of(fixture.Cluster, 1);

    [Fact]
    public async Task A_correction_moves_an_episode_to_another_day_and_an_opt_out_removes_it()
    {
        var (source, code) = (NewSource(), NewCode());
        var (p1, p2, p3) = (NewMid(), NewMid(), NewMid());
        await IngestAsync(
            Case(source, "r1", p1, Start, "13", code), Case(source, "r2", p1, Start.AddDays(4), "13", code),
            Case(source, "r3", p2, Start.AddDays(2), "27", code), Case(source, "r4", p3, Start.AddDays(19), "13", code));
        await DefineAsync(code, episodeDays: 10);

        // Episodes: p1 on day 0 (its day-4 event lies within 10 days of it), p2 on day 2 in 27, p3 on day 19.
        Assert.Equal(Counts((0, 1), (2, 1), (19, 1)), await SeriesCountsAsync(code, "all", 0, 19));
        Assert.Equal(Counts((0, 1), (19, 1)), await SeriesCountsAsync(code, "13", 0, 19));
        Assert.Equal(Counts((2, 1)), await SeriesCountsAsync(code, "27", 0, 19));

        // r1 corrected to day 1: p1's episode now starts on day 1.
        await IngestAsync(Case(source, "r1", p1, Start.AddDays(1), "13", code, version: 2));
        Assert.Equal(Counts((1, 1), (19, 1)), await SeriesCountsAsync(code, "13", 0, 19));

        using (var optOut = await Front.Client(LinkageHttpFront.AdminKey).PostAsync("/api/v1/optout", new StringContent($$"""{"token":"{{p3}}"}""", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, optOut.StatusCode);
        }

        Assert.Equal(Counts((1, 1)), await SeriesCountsAsync(code, "13", 0, 19));
    }

    [Fact]
    public async Task An_outbreak_raises_C1_to_C3_alerts_on_the_stream_and_late_records_withdraw_and_raise_as_the_definition_says()
    {
        var (source, code) = (NewSource(), NewCode());
        await using var stream = await QuietBaselineAsync(source, code);

        await IngestAsync(OutbreakDay(source, code));
        AssertOutbreakDayRaised(await AlertsAsync(stream, code, 10));

        var series = await SeriesAsync(code, "13", 12, 16);
        Assert.Equal(
            ["12 1 0 0 0 -", "13 1 0 0 0 -", "14 5 8 8 7 c1,c2,c3", "15 0 -1.0394 -2 7 c3", "16 0 -0.8827 -2 7 c3"],
            series.Select(Brief));

        // Ten late cases on day 13: C1(13) = C2(13) = (11 - 1) / 0.5 = 20 and C3(13) = 19 are raised; C1(14) falls to
        // (5 - 17/7) / 3.7796 = 0.6803 and is withdrawn; C2(14) and every C3 still stand.
        await IngestAsync([.. Enumerable.Range(0, 10).Select(i => Case(source, $"late{i}", NewMid(), Start.AddDays(13), "13", code))]);
        var changed = await AlertsAsync(stream, code, 8);
        var changes = new[] { "13", "all" }.SelectMany(p => new[] { (p, 13, "c1", 1, false), (p, 13, "c2", 1, false), (p, 13, "c3", 1, false), (p, 14, "c1", 2, true) }).ToHashSet();
        Assert.Equal(changes, changed.Select(a => (a.Pref, a.Day, a.Detector, a.Version, a.Withdrawn)).ToHashSet());
        Assert.Contains("14 5 0.6803 8 26 c2,c3", (await SeriesAsync(code, "13", 14, 14)).Select(Brief));
    }

    [Fact]
    public async Task An_outbreak_day_published_on_the_feed_stream_raises_its_alerts_on_the_alert_stream()
    {
        var (source, code) = (NewSource(), NewCode());
        await using var stream = await QuietBaselineAsync(source, code);

        var publisher = new FeedPublisher(fixture.Cluster.Client, new FeedPublisherOptions { StreamsPerSource = 1 });
        await publisher.PublishAsync(source, "outbreak.ndjson", new MemoryStream(Encoding.UTF8.GetBytes(string.Join('\n', OutbreakDay(source, code).Select(FeedEventJson.ToJson)))));

        AssertOutbreakDayRaised(await AlertsAsync(stream, code, 10));
    }

    /// <summary>
    /// One case a day in prefecture 13 for 14 days, and a record of another kind 30 days in so that the series runs past
    /// the outbreak, an indicator over them (episodes of one day) and the alert stream opened after the log's last alert.
    /// </summary>
    private async Task<ServerSentEvents> QuietBaselineAsync(string source, string code)
    {
        await IngestAsync([.. Enumerable.Range(0, 14).Select(d => Case(source, $"b{d}", NewMid(), Start.AddDays(d), "13", code)),
            Case(source, "later", NewMid(), Start.AddDays(30), "13", "ZZ" + code[2..])]);
        await DefineAsync(code, episodeDays: 1);
        var position = (await AlertLog.Of(fixture.Grains).Read(0, 0)).Length;
        return await ServerSentEvents.OpenAsync(Front.Client(LinkageHttpFront.AuthorityKey), "/api/v1/alerts/stream", position.ToString());
    }

    /// <summary>Day 14: five cases.</summary>
    private static FeedEvent[] OutbreakDay(string source, string code) =>
        [.. Enumerable.Range(0, 5).Select(i => Case(source, $"o{i}", NewMid(), Start.AddDays(14), "13", code))];

    /// <summary>
    /// Baselines are all 1 (sd 0, floored to 0.5): C1 = C2 = (5 - 1) / 0.5 = 8 on day 14; C3(14) = 0 + 0 + 7, and C3
    /// stays 7 on days 15 and 16 while C2(14) is in its three days; in prefecture 13 and nationwide, each raised once.
    /// </summary>
    private static void AssertOutbreakDayRaised(List<Seen> raised)
    {
        var expected = new[] { "13", "all" }.SelectMany(p => new[] { (p, 14, "c1"), (p, 14, "c2"), (p, 14, "c3"), (p, 15, "c3"), (p, 16, "c3") }).ToHashSet();
        Assert.Equal(expected, raised.Select(a => (a.Pref, a.Day, a.Detector)).ToHashSet());
        Assert.All(raised, a => Assert.Equal((1, false), (a.Version, a.Withdrawn)));
    }

    private async Task IngestAsync(params FeedEvent[] events)
    {
        using var client = Front.Client(LinkageHttpFront.OperatorKey);
        using var response = await client.PostAsync("/api/v1/ingest", new StringContent(string.Join('\n', events.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK && JsonDocument.Parse(body).RootElement.GetProperty("accepted").GetInt32() == events.Length, $"ingest answered {(int)response.StatusCode}: {body}");
    }

    [Fact]
    public async Task An_indicator_is_defined_read_listed_and_ended_and_a_bad_field_is_named()
    {
        var name = NewCode().ToLowerInvariant();
        using var client = Front.Client(LinkageHttpFront.AuthorityKey);
        var path = $"/api/v1/surveillance/indicators/{name}";

        using var bad = await client.PutAsync(path, new StringContent("""{"anyOf":[{"kind":"receipt","code":"J10"}],"episodeDays":0}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("episodeDays", await bad.Content.ReadAsStringAsync());

        using var put = await client.PutAsync(path, new StringContent("""{"anyOf":[{"kind":"receipt","code":"J10"},{"kind":"lab","code":"5F109","min":1}]}""", Encoding.UTF8, "application/json"));
        var expected = $$"""{"name":"{{name}}","anyOf":[{"kind":"receipt","code":"J10"},{"kind":"lab","code":"5F109","min":1}],"episodeDays":90}""";
        Assert.Equal(expected, await put.Content.ReadAsStringAsync());
        Assert.Equal(expected, await client.GetStringAsync(path));
        Assert.Contains(expected, await client.GetStringAsync("/api/v1/surveillance/indicators"));

        using var deleted = await client.DeleteAsync(path);
        Assert.Equal(expected, await deleted.Content.ReadAsStringAsync());
        using var gone = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.DoesNotContain(name, await client.GetStringAsync("/api/v1/surveillance/indicators"));
    }

    private static string NewCode() => "SV" + Guid.NewGuid().ToString("N")[..15].ToUpperInvariant();

    private static FeedEvent Case(string source, string recordId, string mid, DateOnly day, string pref, string code, int version = 1) =>
        Lab(source, recordId, version, mid, date: day.ToString("yyyy-MM-dd")) with
        {
            Subject = new Subject { Mid = mid, Birth = "1980-01", Sex = Sex.M, Pref = pref },
            Data = new LabData { Code = code, Value = 1, Unit = "%" },
        };

    private async Task DefineAsync(string code, int episodeDays)
    {
        using var client = Front.Client(LinkageHttpFront.AuthorityKey);
        using var response = await client.PutAsync($"/api/v1/surveillance/indicators/{code.ToLowerInvariant()}",
            new StringContent($$"""{"anyOf":[{"kind":"lab","code":"{{code}}"}],"episodeDays":{{episodeDays}}}""", Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private async Task<List<JsonElement>> SeriesAsync(string code, string pref, int from, int to)
    {
        using var client = Front.Client(LinkageHttpFront.AuthorityKey);
        using var response = await client.GetAsync($"/api/v1/surveillance/indicators/{code.ToLowerInvariant()}/series?pref={pref}&from={Start.AddDays(from):yyyy-MM-dd}&to={Start.AddDays(to):yyyy-MM-dd}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, body);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)];
    }

    /// <summary>Day (from the start) and count of each line with a count.</summary>
    private async Task<Dictionary<int, long>> SeriesCountsAsync(string code, string pref, int from, int to) =>
        (await SeriesAsync(code, pref, from, to)).Where(l => l.GetProperty("count").GetInt64() > 0)
            .ToDictionary(l => DateOnly.Parse(l.GetProperty("day").GetString()!).DayNumber - Start.DayNumber, l => l.GetProperty("count").GetInt64());

    private static Dictionary<int, long> Counts(params (int Day, long Count)[] counts) => counts.ToDictionary(c => c.Day, c => c.Count);

    /// <summary>"day count c1 c2 c3 alarms", statistics to 4 decimals.</summary>
    private static string Brief(JsonElement line)
    {
        string Stat(string name) => line.GetProperty(name).ValueKind == JsonValueKind.Null ? "null" : Math.Round(line.GetProperty(name).GetDouble(), 4).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var alarms = string.Join(',', line.GetProperty("alarm").EnumerateArray().Select(a => a.GetString()));
        var day = DateOnly.Parse(line.GetProperty("day").GetString()!).DayNumber - Start.DayNumber;
        return $"{day} {line.GetProperty("count").GetInt64()} {Stat("c1")} {Stat("c2")} {Stat("c3")} {(alarms.Length == 0 ? "-" : alarms)}";
    }

    private sealed record Seen(string Pref, int Day, string Detector, int Version, bool Withdrawn);

    /// <summary>The next <paramref name="count"/> alerts of this indicator on the stream (waiting for each).</summary>
    private static async Task<List<Seen>> AlertsAsync(ServerSentEvents stream, string code, int count)
    {
        var seen = new List<Seen>();
        while (seen.Count < count)
        {
            var alert = JsonDocument.Parse((await stream.NextAsync()).Data).RootElement;
            if (!alert.TryGetProperty("indicator", out var indicator) || indicator.GetString() != code.ToLowerInvariant()) continue;
            seen.Add(new Seen(alert.GetProperty("pref").GetString()!, DateOnly.Parse(alert.GetProperty("day").GetString()!).DayNumber - Start.DayNumber,
                alert.GetProperty("detector").GetString()!, alert.GetProperty("version").GetInt32(), alert.GetProperty("withdrawn").GetBoolean()));
        }

        return seen;
    }
}

/// <summary>The scenarios on one silo.</summary>
[Collection(OneSiloCollection.Name)]
public sealed class SurveillanceOneSiloTests(LinkageClusterFixture fixture) : SurveillanceScenarios(fixture);

/// <summary>The scenarios on three silos: people, index partitions and the indicator's grain spread over them.</summary>
[Collection(ThreeSiloCollection.Name)]
public sealed class SurveillanceThreeSiloTests(ThreeSiloClusterFixture fixture) : SurveillanceScenarios(fixture);
