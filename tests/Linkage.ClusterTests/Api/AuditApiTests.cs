using System.Net;
using System.Text;
using System.Text.Json;
using Linkage.ClusterTests.Infrastructure;
using Linkage.Feeds;
using static Linkage.ClusterTests.Infrastructure.SampleEvents;

namespace Linkage.ClusterTests.Api;

/// <summary>
/// <c>GET /api/v1/audit</c> over HTTP: every admin read (people, links) and every cohort query is listed with the key's
/// id (never the key), the time, what was read and how many (for a query, its total and its suppressed groups), oldest
/// first, from <c>?since=</c>.
/// </summary>
[Collection(ApiCollection.Name)]
public sealed class AuditApiTests(LinkageApiFixture api)
{
    [Fact]
    public async Task Reads_and_cohort_queries_are_listed_with_key_id_action_what_and_count()
    {
        var since = DateTimeOffset.UtcNow.AddSeconds(-1);
        var mid = NewMid();
        var source = NewSource();

        // A day no other test dates a record on: the cohort below is this person alone, a cell that must be suppressed.
        var day = $"{Random.Shared.Next(1990, 2020)}-0{Random.Shared.Next(1, 9)}-1{Random.Shared.Next(0, 9)}";
        using (var ingest = await api.Client("dev-operator-key").PostAsync("/api/v1/ingest", Ndjson(Lab(source, "a", 1, mid, date: day), Lab(source, "b", 1, mid, date: day))))
        {
            Assert.Equal(HttpStatusCode.OK, ingest.StatusCode);
        }

        var admin = api.Client("dev-admin-key");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/people/by-token/{mid}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/v1/people/p.{mid}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/v1/links")).StatusCode);
        using var cohort = await api.Client("dev-researcher-key").PostAsync("/api/v1/cohorts/count",
            new StringContent($$"""{"entry":{"kind":"lab","code":"3D046"},"period":{"from":"{{day}}","to":"{{day}}"},"groupBy":["sex"],"minCell":10}""", Encoding.UTF8, "application/json"));
        var answer = JsonDocument.Parse(await cohort.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, cohort.StatusCode);

        var entries = await AuditAsync($"?since={Uri.EscapeDataString(since.ToString("O"))}");

        Assert.All(entries, e => Assert.True(e.At >= since.AddMilliseconds(-1), $"an entry at {e.At:O} is before since {since:O}"));
        Assert.Equal(entries.Select(e => e.At).Order(), entries.Select(e => e.At));
        var byToken = Assert.Single(entries, e => e.Action == "person" && e.What == mid);
        Assert.Equal(("dev-admin", 2L), (byToken.Key, byToken.Count));
        var byId = Assert.Single(entries, e => e.Action == "person" && e.What == $"p.{mid}");
        Assert.Equal(("dev-admin", 2L), (byId.Key, byId.Count));
        Assert.Contains(entries, e => e.Action == "links" && e.Key == "dev-admin" && e.At >= byId.At);
        var query = Assert.Single(entries, e => e.Action == "cohort" && e.What.Contains(day, StringComparison.Ordinal));
        Assert.Equal("dev-researcher", query.Key);
        Assert.Equal(answer.GetProperty("total").ValueKind == JsonValueKind.Number ? answer.GetProperty("total").GetInt64() : null, query.Count);
        Assert.Equal(1, answer.GetProperty("suppressed").GetInt32());
        Assert.Equal(1, query.Suppressed);
        Assert.True(JsonDocument.Parse(query.What).RootElement.TryGetProperty("entry", out _), $"what is the definition as JSON: {query.What}");
        Assert.DoesNotContain(entries, e => e.Key.Contains("dev-admin-key", StringComparison.Ordinal) || e.Key.Contains("dev-researcher-key", StringComparison.Ordinal));

        var later = await AuditAsync($"?since={Uri.EscapeDataString(query.At.AddMilliseconds(1).ToString("O"))}");
        Assert.DoesNotContain(later, e => e.What == mid || e.What == query.What);
    }

    [Fact]
    public async Task A_malformed_since_is_400_naming_it()
    {
        using var response = await api.Client("dev-admin-key").GetAsync("/api/v1/audit?since=yesterday");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("since", await response.Content.ReadAsStringAsync());
    }

    private async Task<List<Entry>> AuditAsync(string query)
    {
        using var response = await api.Client("dev-admin-key").GetAsync("/api/v1/audit" + query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"audit answered {(int)response.StatusCode}: {body}");
        Assert.Equal("application/x-ndjson", response.Content.Headers.ContentType?.MediaType);
        return [.. body.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line =>
        {
            var e = JsonDocument.Parse(line).RootElement;
            return new Entry(
                e.GetProperty("at").GetDateTimeOffset(),
                e.GetProperty("key").GetString()!,
                e.GetProperty("action").GetString()!,
                e.GetProperty("what").GetString()!,
                e.GetProperty("count").ValueKind == JsonValueKind.Null ? null : e.GetProperty("count").GetInt64(),
                e.TryGetProperty("suppressed", out var suppressed) ? suppressed.GetInt32() : null);
        })];
    }

    private static StringContent Ndjson(params FeedEvent[] events) => new(string.Join('\n', events.Select(FeedEventJson.ToJson)), Encoding.UTF8, "application/x-ndjson");

    private sealed record Entry(DateTimeOffset At, string Key, string Action, string What, long? Count, int? Suppressed);
}
